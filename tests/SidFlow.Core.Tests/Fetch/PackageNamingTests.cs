using SidFlow.Core.Fetch;
using Xunit;

namespace SidFlow.Core.Tests.Fetch;

public sealed class PackageNamingTests
{
    [Theory]
    [InlineData("HVSC_84-all-of-them.7z", HvscPackageKind.Base, 84)]
    [InlineData("hvsc_74-ALL-of-them.zip", HvscPackageKind.Base, 74)]
    [InlineData("HVSC_Update_85.7z", HvscPackageKind.Update, 85)]
    public void FromFileName_HvscArchive_GivesKindAndRelease(string name, HvscPackageKind kind, int version)
    {
        HvscPackage package = HvscPackage.FromFileName(name, "x")!;

        Assert.Equal((kind, version), (package.Kind, package.Version));
    }

    [Theory]
    [InlineData("HVSC_84-all-of-them.rar")]
    [InlineData("HVSC_Update_.7z")]
    [InlineData("readme.txt")]
    public void FromFileName_OtherFile_IsNotAPackage(string name) => Assert.Null(HvscPackage.FromFileName(name, "x"));

    [Theory]
    [InlineData("C64Music/MUSICIANS/A/a.sid", "MUSICIANS/A/a.sid")]
    [InlineData("update\\new\\x.sid", "update/new/x.sid")]
    [InlineData("./readme.1st", "readme.1st")]
    public void SafePath_NormalEntry_GivesCollectionPath(string entry, string expected) => Assert.Equal(expected, PackageReader.SafePath(entry));

    [Theory]
    [InlineData("../evil.sid", "'..'")]
    [InlineData("C64Music/../../etc/passwd", "'..'")]
    [InlineData("/etc/passwd", "absolute")]
    [InlineData("C:\\Windows\\x", "absolute")]
    [InlineData("a\u0001b", "control")]
    public void SafePath_EscapingEntry_IsRefusedWithName(string entry, string reason)
    {
        UnsafeArchiveEntryException ex = Assert.Throws<UnsafeArchiveEntryException>(() => PackageReader.SafePath(entry));

        Assert.Contains($"'{entry}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }
}
