using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SidFlow.Core.Render;
using SidFlow.Emulation.Sid;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Core.Tests.Render;

/// <summary>The in-process engine: exact lengths, offsets, the window's trace, multi-SID stereo, failures typed the way render jobs expect.</summary>
public sealed class EmuRenderEngineTests
{
    private static readonly EmuRenderEngine Engine = new(Options.Create(new RenderOptions()), NullLogger<EmuRenderEngine>.Instance);

    private static RenderRequest Request(string hvscPath, double seconds)
    {
        byte[] bytes = File.ReadAllBytes(RepositoryPaths.SampleFile(hvscPath));
        SidFile sid = SidFile.Parse(bytes);
        return new RenderRequest(hvscPath, bytes, sid, sid.StartSong, TimeSpan.FromSeconds(seconds));
    }

    [Fact]
    public async Task Render_WithOffsetMonoAndTrace_CutsExactlyAndTracesOnlyTheWindow()
    {
        using var pcm = new MemoryStream();
        RenderRequest request = Request("MUSICIANS/H/Hubbard_Rob/Ricochet.sid", 3.3) with { Offset = TimeSpan.FromSeconds(5.5), Channels = 1, SampleRate = 11_025, CaptureTrace = true };

        RenderResult result = await Engine.RenderAsync(request, pcm, TestContext.Current.CancellationToken);

        Assert.Equal((36_382L, 1, "emu"), (result.Frames, result.Channels, result.Engine));
        Assert.Equal(36_382L * 2, pcm.Length);
        Assert.NotNull(result.Trace);
        long windowCycles = (long)(3.3 * 985_248) + 20_000;
        Assert.All(result.Trace.Writes.ToArray(), w => Assert.InRange(w.Cycle - result.Trace.StartCycle, 0, windowCycles));
        Assert.InRange(result.Trace.StartCycle, (long)(5.5 * 985_248) - 1, (long)(5.5 * 985_248) + 20_000);
    }

    [Fact]
    public async Task Render_TwoSidTune_IsStereoWithBothChannelsAudible()
    {
        string path = RepositoryPaths.AllSampleSids().Select(RepositoryPaths.HvscPathOf)
            .First(p => SidFile.TryParse(File.ReadAllBytes(RepositoryPaths.SampleFile(p)), out SidFile? s, out _) && s!.SidChipCount == 2 && s.Format == SidFormat.Psid);
        using var pcm = new MemoryStream();

        RenderResult result = await Engine.RenderAsync(Request(path, 4), pcm, TestContext.Current.CancellationToken);

        Assert.Equal((2, 176_400L), (result.Channels, result.Frames));
        short[] samples = new short[pcm.Length / 2];
        Buffer.BlockCopy(pcm.ToArray(), 0, samples, 0, (int)pcm.Length);
        Assert.True(samples.Where((_, i) => i % 2 == 0).Max(s => Math.Abs((int)s)) > 500, $"{path}: left channel silent");
        Assert.True(samples.Where((_, i) => i % 2 == 1).Max(s => Math.Abs((int)s)) > 500, $"{path}: right channel silent");
    }

    [Fact]
    public async Task Render_TuneThatJams_CannotBePlayedByThisEngine()
    {
        byte[] bytes = new PsidBuilder { LoadAddress = 0, Code = [0x02, 0x60, 0x60, 0x60] }.Build();
        var request = new RenderRequest("jam.sid", bytes, SidFile.Parse(bytes), 1, TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<EngineCannotPlayException>(() => Engine.RenderAsync(request, Stream.Null, TestContext.Current.CancellationToken));

        Assert.Contains("jam", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Render_Cancelled_StopsWithCancellation()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Engine.RenderAsync(Request("MUSICIANS/H/Hubbard_Rob/Ricochet.sid", 60), Stream.Null, cancel.Token));
    }
}
