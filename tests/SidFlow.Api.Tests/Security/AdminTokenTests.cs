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
        var token = new AdminToken(null);

        Assert.False(token.IsConfigured);
        Assert.False(token.Matches(""));
        Assert.False(token.Matches("anything"));
    }
}
