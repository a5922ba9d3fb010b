using SidFlow.Api.Security;
using Xunit;

namespace SidFlow.Api.Tests.Security;

public sealed class AdminTokenTests
{
    [Theory]
    [InlineData("right-token", true)]
    [InlineData("wrong-token", false)]
    [InlineData("right-toke", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Matches_PresentedToken_ComparesWholeValue(string? presented, bool expected) =>
        Assert.Equal(expected, new AdminToken("right-token").Matches(presented));

    [Fact]
    public void Matches_NoTokenConfigured_RefusesEverything()
    {
        var token = new AdminToken((string?)null);

        Assert.False(token.IsConfigured);
        Assert.False(token.Matches(""));
        Assert.False(token.Matches("anything"));
    }

    [Theory]
    [InlineData("ops-token", "ops")]
    [InlineData("ci:token", "ci")]
    [InlineData("single-token", "admin")]
    [InlineData("ops-toke", null)]
    [InlineData("ops", null)]
    public void NameOf_NamedTokens_GivesTheNameOfTheOnePresented(string presented, string? expected)
    {
        var token = new AdminToken(AdminToken.ParseNamed("ops:ops-token, ci:ci:token").Append((AdminToken.DefaultName, "single-token")));

        Assert.Equal(expected, token.NameOf(presented));
        Assert.Equal(["ops", "ci", "admin"], token.Names);
    }

    [Theory]
    [InlineData("ops-token-without-name")]
    [InlineData(":no-name")]
    [InlineData("ops:")]
    [InlineData("bad name!:value")]
    public void ParseNamed_MalformedEntry_RefusedWithoutEchoingIt(string entry)
    {
        var refused = Assert.Throws<SidFlow.Api.Configuration.ConfigurationRefusedException>(() => AdminToken.ParseNamed("good:one " + entry));

        Assert.Contains("entry 2", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(entry, refused.Message, StringComparison.Ordinal);
    }
}
