using SidFlow.Local.Hosting;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Local.Tests.Hosting;

public sealed class AdminTokenFileTests
{
    [Fact]
    public void CreateIfMissing_NoToken_WritesOwnerOnlyFileOnce()
    {
        using var dir = new TempDirectory();
        string file = dir.Combine("data", "admin-token");

        string? created = AdminTokenFile.CreateIfMissing(file, null);

        Assert.NotNull(created);
        Assert.True(created.Length >= 40);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(created, AdminTokenFile.Read(file, null));
        Assert.Null(AdminTokenFile.CreateIfMissing(file, null));
    }

    [Fact]
    public void Read_EnvironmentToken_WinsOverFile()
    {
        using var dir = new TempDirectory();
        string file = dir.Combine("admin-token");
        File.WriteAllText(file, "from-file");

        Assert.Equal("from-env", AdminTokenFile.Read(file, " from-env "));
        Assert.Null(AdminTokenFile.CreateIfMissing(dir.Combine("other"), "from-env"));
    }
}
