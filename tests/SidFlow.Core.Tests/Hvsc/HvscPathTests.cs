using SidFlow.Core.Hvsc;
using Xunit;

namespace SidFlow.Core.Tests.Hvsc;

public sealed class HvscPathTests
{
    [Theory]
    [InlineData("MUSICIANS/H/Hubbard_Rob/Delta.sid", "MUSICIANS/H/Hubbard_Rob/Delta.sid")]
    [InlineData("/MUSICIANS/H/Hubbard_Rob/Delta.sid", "MUSICIANS/H/Hubbard_Rob/Delta.sid")]
    [InlineData("MUSICIANS\\H\\Hubbard_Rob\\Delta.sid", "MUSICIANS/H/Hubbard_Rob/Delta.sid")]
    [InlineData("MUSICIANS//H/./Delta.sid", "MUSICIANS/H/Delta.sid")]
    public void Normalize_ValidPath_GivesCanonicalForm(string input, string expected) =>
        Assert.Equal(expected, HvscPath.Normalize(input));

    [Theory]
    [InlineData("../etc/passwd", "'..'")]
    [InlineData("MUSICIANS/../../x", "'..'")]
    [InlineData("MUSICIANS\\..\\x", "'..'")]
    [InlineData("C:/Windows", "drive")]
    [InlineData("//server/share", "network share")]
    [InlineData("", "empty")]
    [InlineData("/", "root")]
    [InlineData("a\0b", "control")]
    public void Normalize_EscapingPath_IsRefusedWithReason(string input, string reason)
    {
        InvalidHvscPathException ex = Assert.Throws<InvalidHvscPathException>(() => HvscPath.Normalize(input));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryNormalizeRelative_AbsolutePath_IsRefused()
    {
        Assert.False(HvscPath.TryNormalizeRelative("/MUSICIANS/x.sid", out _, out string? reason));
        Assert.Equal("path is absolute", reason);
    }
}
