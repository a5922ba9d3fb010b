using SidFlow.Functions.Hosting;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Functions.Tests.Hosting;

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

    [Fact]
    public void CreateIfMissing_NoToken_WritesOwnerOnlyFileOnce()
    {
        using var dir = new TempDirectory();
        string file = dir.Combine("data", "admin-token");

        string? created = AdminToken.CreateIfMissing(file, null);

        Assert.NotNull(created);
        Assert.True(created.Length >= 40);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(created, AdminToken.Read(file, null));
        Assert.Null(AdminToken.CreateIfMissing(file, null));
    }

    [Fact]
    public void Read_EnvironmentToken_WinsOverFile()
    {
        using var dir = new TempDirectory();
        string file = dir.Combine("admin-token");
        File.WriteAllText(file, "from-file");

        Assert.Equal("from-env", AdminToken.Read(file, " from-env "));
        Assert.Null(AdminToken.CreateIfMissing(dir.Combine("other"), "from-env"));
    }
}
