using SidFlow.Core.Classification;
using Xunit;

namespace SidFlow.Core.Tests.Classification;

/// <summary>Which rows a classify job may leave alone.</summary>
public sealed class ClassificationStampTests
{
    [Theory]
    [InlineData("abc", "emu", "abc", "emu", true)]
    [InlineData("abc", "emu+sidplayfp", "abc", "emu", true)]
    [InlineData("abc", "emu", "abd", "emu", false)]
    [InlineData("abc", "sidplayfp", "abc", "emu", false)]
    [InlineData("abc", "emulator", "abc", "emu", false)]
    [InlineData("abc", "emu+sidplayfp", "abc", "sidplayfp", false)]
    public void IsCurrent_RowAgainstFileAndEngine_MatchesOnlySameFileAndEngineOrItsFallback(string rowMd5, string rowRenderer, string md5, string renderer, bool expected)
    {
        var stamp = new ClassificationStamp(rowMd5, FeatureSet.Version, rowRenderer);

        Assert.Equal(expected, stamp.IsCurrent(md5, renderer));
    }

    [Fact]
    public void IsCurrent_OlderFeatureSet_IsNotCurrent()
    {
        Assert.False(new ClassificationStamp("abc", "1.0.0", "emu").IsCurrent("abc", "emu"));
    }
}
