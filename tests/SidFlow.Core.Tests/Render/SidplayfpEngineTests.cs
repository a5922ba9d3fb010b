using System.Buffers.Binary;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SidFlow.Core.Render;
using SidFlow.Emulation.Sid;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Core.Tests.Render;

/// <summary>The real sidplayfp, bounded: exact lengths, every subtune of a tune that never stops, multi-SID tunes.</summary>
public sealed class SidplayfpEngineTests(ITestOutputHelper output)
{
    private static readonly SidplayfpEngine Engine = new(Options.Create(new RenderOptions()), NullLogger<SidplayfpEngine>.Instance);

    private static RenderRequest Request(string hvscPath, int subtune, double seconds)
    {
        byte[] bytes = File.ReadAllBytes(RepositoryPaths.SampleFile(hvscPath));
        return new RenderRequest(hvscPath, bytes, SidFile.Parse(bytes), subtune, TimeSpan.FromSeconds(seconds));
    }

    [Fact]
    public async Task Render_GreatGianaSistersEverySubtune_GivesExactLengthInBoundedTime()
    {
        const string path = "MUSICIANS/H/Huelsbeck_Chris/Great_Giana_Sisters.sid";
        int songs = RepositoryPaths.SampleSid(path).Songs;
        var clock = Stopwatch.StartNew();
        var lengths = new long[songs];
        await Parallel.ForEachAsync(Enumerable.Range(1, songs), new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = TestContext.Current.CancellationToken }, async (song, ct) =>
        {
            using var pcm = new MemoryStream();
            RenderRequest request = Request(path, song, 2.5) with { SampleRate = 22_050 };
            RenderResult result = await Engine.RenderAsync(request, pcm, ct);
            Assert.Equal(request.Frames, result.Frames);
            lengths[song - 1] = pcm.Length;
        });

        output.WriteLine($"{songs} subtunes in {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(23, songs);
        Assert.All(lengths, l => Assert.Equal(55_125L * 2 * 2, l));
    }

    [Fact]
    public async Task Render_ThreeSidTune_IsAudibleStereo()
    {
        using var pcm = new MemoryStream();

        RenderResult result = await Engine.RenderAsync(Request("MUSICIANS/C/Chiummo_Gaetano/Waterfall_3SID.sid", 1, 4), pcm, TestContext.Current.CancellationToken);

        Assert.Equal((2, 44_100, 176_400L), (result.Channels, result.SampleRate, result.Frames));
        Assert.Equal(176_400L * 4, pcm.Length);
        Assert.True(Rms(pcm.ToArray()) > 100, "the tune should not be silent");
    }

    [Fact]
    public async Task Render_WithOffsetAndMono_SkipsTheIntroAndCutsExactly()
    {
        using var pcm = new MemoryStream();
        RenderRequest request = Request("MUSICIANS/H/Hubbard_Rob/Ricochet.sid", 1, 3.3) with { Offset = TimeSpan.FromSeconds(5.5), Channels = 1, SampleRate = 11_025 };

        await Engine.RenderAsync(request, pcm, TestContext.Current.CancellationToken);

        Assert.Equal((long)Math.Round(3.3 * 11_025) * 2, pcm.Length);
        Assert.True(Rms(pcm.ToArray()) > 100);
    }

    [Fact]
    public async Task Render_SubtuneOutOfRange_IsRefused()
    {
        RenderException ex = await Assert.ThrowsAsync<RenderException>(() =>
            Engine.RenderAsync(Request("MUSICIANS/H/Hubbard_Rob/Ricochet.sid", 9, 1), Stream.Null, TestContext.Current.CancellationToken));

        Assert.Contains("subtune 9 does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_PlayerTooSlowForTheLimit_StopsWithinTheLimit()
    {
        var impatient = new SidplayfpEngine(Options.Create(new RenderOptions { StartupAllowance = TimeSpan.FromMilliseconds(300), SecondsPerSecond = 0 }), NullLogger<SidplayfpEngine>.Instance);
        var clock = Stopwatch.StartNew();

        RenderException ex = await Assert.ThrowsAsync<RenderException>(() =>
            impatient.RenderAsync(Request("MUSICIANS/H/Huelsbeck_Chris/Great_Giana_Sisters.sid", 1, 600), Stream.Null, TestContext.Current.CancellationToken));

        Assert.Contains("did not deliver 600 s within 0 s", ex.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
    }

    private static double Rms(byte[] pcm)
    {
        double sum = 0;
        int n = pcm.Length / 2;
        for (int i = 0; i < n; i++)
        {
            double s = BinaryPrimitives.ReadInt16LittleEndian(pcm.AsSpan(i * 2));
            sum += s * s;
        }

        return Math.Sqrt(sum / Math.Max(1, n));
    }
}
