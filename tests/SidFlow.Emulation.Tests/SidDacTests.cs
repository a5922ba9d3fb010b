using SidFlow.Emulation;
using Xunit;

namespace SidFlow.Emulation.Tests;

/// <summary>The R-2R ladder: exact on the 8580, bunched bit weights on the 6581.</summary>
public sealed class SidDacTests
{
    [Fact]
    public void Table_8580_IsTheIdentity()
    {
        float[] table = SidDac.Table(8, mos6581: false);

        Assert.All(Enumerable.Range(0, 256), v => Assert.Equal(v, table[v], 3));
    }

    [Fact]
    public void Table_6581_KeepsFullScaleButIsNotLinearAndKinksAtTheMidpoint()
    {
        float[] table = SidDac.Table(8, mos6581: true);

        Assert.Equal(0, table[0], 3);
        Assert.Equal(255, table[255], 3);
        Assert.True(table[1] > 1.2f, "the lowest bit weighs more than on an exact ladder");
        Assert.True(table[127] > table[128], "the 6581's missing termination makes 127 louder than 128");
    }
}
