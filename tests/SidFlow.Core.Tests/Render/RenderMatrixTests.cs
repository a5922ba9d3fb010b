using SidFlow.Core.Render;
using Xunit;

namespace SidFlow.Core.Tests.Render;

public sealed class RenderMatrixTests
{
    private static readonly string[] Locations = ["client", "server", "ultimate64"];
    private static readonly string[] Times = ["real-time", "offline"];
    private static readonly string[] Technologies = ["wasm", "hls", "cli", "hardware"];
    private static readonly string[] Targets = ["live", "streamed", "wav", "m4a", "flac"];

    [Fact]
    public void Validate_GuideExample_ExplainsAndSuggests()
    {
        (RenderMode? mode, RenderModeError? error) = RenderMatrix.Validate(new RenderModeRequest("client", "offline", "wasm", null));

        Assert.Null(mode);
        Assert.Equal("Invalid render mode combination", error!.Error);
        Assert.Equal("WASM only supports real-time rendering", error.Details);
        Assert.Contains("Use client+real-time+wasm for live playback", error.Suggestions);
        Assert.Contains(error.Suggestions, s => s.StartsWith("Use server+offline+cli for offline WAV", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_EveryCombination_AcceptsExactlyTheMatrixRows()
    {
        var valid = RenderMatrix.ValidModes.Select(m => m.ToString()).ToHashSet();
        int accepted = 0, refused = 0;
        foreach (string l in Locations)
        foreach (string t in Times)
        foreach (string tech in Technologies)
        foreach (string target in Targets)
        {
            (RenderMode? mode, RenderModeError? error) = RenderMatrix.Validate(new RenderModeRequest(l, t, tech, target));
            string key = new RenderMode(l, t, tech, target).ToString();
            if (valid.Contains(key))
            {
                Assert.Equal(key, mode?.ToString());
                accepted++;
            }
            else
            {
                Assert.Null(mode);
                Assert.NotEmpty(error!.Suggestions);
                Assert.False(string.IsNullOrWhiteSpace(error.Details));
                Assert.All(error.Suggestions, s => Assert.StartsWith("Use ", s, StringComparison.Ordinal));
                refused++;
            }
        }

        Assert.Equal(8, accepted); // wasm+live, hls+streamed, cli x3, hardware x3
        Assert.Equal(120 - 8, refused);
    }

    [Theory]
    [InlineData("server", null, "cli", "m4a", "server+offline+cli -> m4a")]
    [InlineData("ultimate64", null, null, "flac", "ultimate64+real-time+hardware -> flac")]
    [InlineData(null, null, "wasm", null, "client+real-time+wasm -> live")]
    [InlineData("Client", "Real-Time", "HLS", "streamed audio", "client+real-time+hls -> streamed")]
    [InlineData("server", "offline", "sidplayfp-cli", "WAV", "server+offline+cli -> wav")]
    public void Validate_PartialOrLooseRequest_IsCompletedFromTheOneRowItFits(string? l, string? t, string? tech, string? target, string expected) =>
        Assert.Equal(expected, RenderMatrix.Validate(new RenderModeRequest(l, t, tech, target)).Mode?.ToString());

    [Theory]
    [InlineData("client", null, null, null, "ambiguous")]
    [InlineData("moon", null, null, null, "unknown location 'moon'")]
    [InlineData("server", "offline", "cli", "mp3", "unknown target 'mp3'")]
    [InlineData("server", "real-time", "cli", "wav", "CLI renders offline")]
    [InlineData("client", "real-time", "hardware", "wav", "needs an Ultimate 64")]
    [InlineData("ultimate64", "offline", "hardware", "wav", "real time only")]
    [InlineData("server", "offline", "cli", "live", "comes from the client")]
    public void Validate_InvalidRequest_SaysWhy(string? l, string? t, string? tech, string? target, string why)
    {
        RenderModeError error = RenderMatrix.Validate(new RenderModeRequest(l, t, tech, target)).Error!;

        Assert.Contains(why, error.Details, StringComparison.Ordinal);
        Assert.NotEmpty(error.Suggestions);
    }
}
