using Xunit;

namespace SidFlow.Ultimate64Simulator.Tests;

public sealed class SongNumberTests
{
    [Theory]
    [InlineData("7", 7)]
    [InlineData("0", 0)]
    [InlineData("010", 8)]
    [InlineData("0x1F", 31)]
    [InlineData("+3", 3)]
    [InlineData("-2", -2)]
    public void TryParse_FirmwareNotation_ReadsLikeStrtolBaseZero(string text, int expected)
    {
        Assert.True(SongNumber.TryParse(text, out int number));
        Assert.Equal(expected, number);
    }

    [Theory]
    [InlineData("")]
    [InlineData("08")]
    [InlineData("0x")]
    [InlineData("3a")]
    [InlineData("two")]
    [InlineData("99999999999")]
    public void TryParse_NotAWholeNumber_Refused(string text) => Assert.False(SongNumber.TryParse(text, out _));
}
