using Xunit;

namespace SidFlow.Ultimate64Simulator.Tests;

public sealed class SimulatorCommandLineTests
{
    [Fact]
    public void Parse_EveryOption_SetsTheKnobs()
    {
        SimulatorOptions options = SimulatorCommandLine.Parse(
            ["--port", "6464", "--password", "pw", "--clock", "ntsc", "--loss", "0.1", "--reorder", "3", "--duplicates", "0.05", "--seed", "9", "--start-sequence", "65530"])!;

        Assert.Equal((6464, "pw", SidClockKind.Ntsc, 0.1, 3, 0.05, 9, (int?)65530),
            (options.Port, options.Password, options.Clock, options.LossRatio, options.ReorderDistance, options.DuplicateRatio, options.Seed, options.StartSequence));
    }

    [Fact]
    public void Parse_Nothing_AnyFreePortPalNoFaults()
    {
        SimulatorOptions options = SimulatorCommandLine.Parse([])!;

        Assert.Equal((0, SidClockKind.Pal, 0.0, 0, 0.0, (string?)null), (options.Port, options.Clock, options.LossRatio, options.ReorderDistance, options.DuplicateRatio, options.Password));
    }

    [Fact]
    public void Parse_Help_NoOptions() => Assert.Null(SimulatorCommandLine.Parse(["--help"]));

    [Theory]
    [InlineData("--clock", "SECAM")]
    [InlineData("--loss", "1.5")]
    [InlineData("--port", "70000")]
    [InlineData("--reorder", "-1")]
    [InlineData("--volume", "11")]
    public void Parse_BadOption_RefusedNamingIt(string name, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => SimulatorCommandLine.Parse([name, value]));
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OptionWithoutValue_Refused() => Assert.Throws<ArgumentException>(() => SimulatorCommandLine.Parse(["--port"]));
}
