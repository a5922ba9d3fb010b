using SidFlow.Emulation;
using SidFlow.Emulation.Sid;
using Xunit;

namespace SidFlow.Emulation.Tests;

/// <summary>The filter's output signs: its integrators and summer invert, so low-pass gives back the input negated.</summary>
public sealed class SidFilterTests
{
    private static float Settle(SidFilter filter, float input)
    {
        float output = 0;
        for (int i = 0; i < 20_000; i++)
        {
            output = filter.Process(input);
        }

        return output;
    }

    [Theory]
    [InlineData(SidModel.Mos6581)]
    [InlineData(SidModel.Mos8580)]
    public void Process_LowPassOfASteadyLevel_IsThatLevelNegated(SidModel model)
    {
        var filter = new SidFilter(model, 44_100) { Mode = 1 };
        filter.SetCutoff(1024);

        float output = Settle(filter, 1f);

        Assert.InRange(output, -1.01f, -0.5f);
    }

    [Fact]
    public void Process_BandAndHighPassOfASteadyLevel_PassNothing()
    {
        var filter = new SidFilter(SidModel.Mos8580, 44_100) { Mode = 6 };
        filter.SetCutoff(1024);

        float output = Settle(filter, 1f);

        Assert.InRange(output, -0.001f, 0.001f);
    }
}
