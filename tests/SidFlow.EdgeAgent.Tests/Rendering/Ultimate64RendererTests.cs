using System.Buffers.Binary;
using Azure.Storage.Blobs;
using SidFlow.Core.Jobs;
using SidFlow.Core.Render;
using SidFlow.EdgeAgent.Device;
using SidFlow.EdgeAgent.Rendering;
using SidFlow.Testing;
using SidFlow.Ultimate64Simulator;
using Xunit;

namespace SidFlow.EdgeAgent.Tests.Rendering;

public sealed class Ultimate64RendererTests(AzuriteFixture azurite)
{
    private const int TrueRateWavHeader = 47_983;

    private static HardwareRenderRequest Request(double seconds, string[]? formats = null, int subtune = 1) => AgentRig.Request(seconds, formats, subtune);

    /// <summary>The WAV's format and its samples, read from the renders container.</summary>
    private static async Task<(int Rate, int Channels, short[] Samples)> ReadWavAsync(AgentRig rig, string blob)
    {
        BinaryData data = (await rig.Storage.Container(rig.Storage.Names.RendersContainer).GetBlobClient(blob).DownloadContentAsync(TestContext.Current.CancellationToken)).Value.Content;
        byte[] bytes = data.ToArray();
        await using var stream = new MemoryStream(bytes);
        (int rate, int channels, _) = await WavFormat.ReadHeaderAsync(stream, TestContext.Current.CancellationToken);
        short[] samples = new short[(bytes.Length - (int)stream.Position) / 2];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan((int)stream.Position + (2 * i)));
        }

        return (rate, channels, samples);
    }

    /// <summary>Per packet of the capture: equal to the device's audio, silent, or neither.</summary>
    private static (int Equal, int Silent, int Other) ComparePackets(short[] captured, short[] expected)
    {
        int equal = 0, silent = 0, other = 0;
        const int perPacket = 192 * 2;
        for (int start = 0; start < captured.Length; start += perPacket)
        {
            int length = Math.Min(perPacket, captured.Length - start);
            ReadOnlySpan<short> got = captured.AsSpan(start, length);
            if (got.SequenceEqual(expected.AsSpan(start, length)))
            {
                equal++;
            }
            else if (!got.ContainsAnyExcept((short)0))
            {
                silent++;
            }
            else
            {
                other++;
            }
        }

        return (equal, silent, other);
    }

    private async Task<(HardwareRenderOutcome Outcome, short[] Captured, short[] Expected, int Rate)> CaptureAsync(AgentRig rig, double seconds)
    {
        HardwareRenderOutcome outcome = await rig.Get<Ultimate64Renderer>().RenderAsync(Request(seconds), TestContext.Current.CancellationToken);
        RenderAsset wav = Assert.Single(outcome.Assets);
        (int rate, int channels, short[] samples) = await ReadWavAsync(rig, wav.Blob);
        Assert.Equal(2, channels);
        StreamState stream = rig.Device.Stream!;
        long songFrame = stream.SongFrameOf(outcome.Capture.FirstSequence!.Value) ?? throw new InvalidOperationException("the stream carried no song");
        return (outcome, samples, rig.ExpectedAudio(songFrame, samples.Length / 2), rate);
    }

    [Fact]
    public async Task RenderAsync_CleanStream_CaptureEqualsTheDeviceAudioSampleForSample()
    {
        await using AgentRig rig = await AgentRig.StartAsync(azurite, new SimulatorOptions { Seed = 3 });

        (HardwareRenderOutcome outcome, short[] captured, short[] expected, int rate) = await CaptureAsync(rig, 3);

        Assert.Equal(TrueRateWavHeader, rate);
        Assert.Equal((long)Math.Round(3 * 47_982.887) * 2, captured.Length);
        Assert.Equal(expected, captured);
        Assert.Equal(0, outcome.Capture.Lost);
        Assert.Equal(1, outcome.Attempts);
        RenderAsset asset = outcome.Assets[0];
        Assert.Equal(("ultimate64", "wav", TrueRateWavHeader, 0.0), (asset.Renderer, asset.Format, asset.SampleRate, asset.PacketLoss));
        Assert.Equal($"{AgentRig.SongPath}/1/ultimate64.wav", asset.Blob);
        Assert.Contains("firmware 3.12", asset.Device, StringComparison.Ordinal);
        Assert.Contains("SID 6581", asset.Device, StringComparison.Ordinal);
        Assert.Equal(3.0, asset.Duration, 3);
    }

    [Fact]
    public async Task RenderAsync_FivePercentLoss_ReportsTheLossAndFillsExactlyThoseGapsWithSilence()
    {
        await using AgentRig rig = await AgentRig.StartAsync(azurite, new SimulatorOptions { Seed = 11, LossRatio = 0.05 },
            new Dictionary<string, string?> { ["render:ultimate64:packetLossThreshold"] = "0.5" });

        (HardwareRenderOutcome outcome, short[] captured, short[] expected, _) = await CaptureAsync(rig, 10);

        (int equal, int silent, int other) = ComparePackets(captured, expected);
        Assert.Equal(0, other);
        // Every gap became silence and was counted; the tune is never silent for a whole packet here.
        Assert.Equal(silent, outcome.Capture.Lost);
        Assert.Equal(outcome.Capture.Packets, equal + silent);
        Assert.InRange(outcome.Capture.LossRatio, 0.035, 0.065);
        Assert.Equal(outcome.Capture.LossRatio, outcome.Assets[0].PacketLoss);
    }

    [Fact]
    public async Task RenderAsync_ReorderedAndDuplicatedPackets_LosesNothing()
    {
        await using AgentRig rig = await AgentRig.StartAsync(azurite, new SimulatorOptions { Seed = 5, ReorderDistance = 4, ReorderRatio = 0.2, DuplicateRatio = 0.05 });

        (HardwareRenderOutcome outcome, short[] captured, short[] expected, _) = await CaptureAsync(rig, 4);

        Assert.Equal(expected, captured);
        Assert.Equal(0, outcome.Capture.Lost);
        Assert.True(outcome.Capture.Reordered > 0, "the simulator reordered nothing");
        Assert.True(outcome.Capture.Duplicates > 0, "the simulator duplicated nothing");
    }

    [Fact]
    public async Task RenderAsync_SequenceWrapsMidCapture_LosesNothing()
    {
        await using AgentRig rig = await AgentRig.StartAsync(azurite, new SimulatorOptions { StartSequence = 65_300 });

        (HardwareRenderOutcome outcome, short[] captured, short[] expected, _) = await CaptureAsync(rig, 2);

        Assert.InRange(outcome.Capture.FirstSequence!.Value, (ushort)65_300, (ushort)65_535);
        Assert.Equal(expected, captured);
        Assert.Equal(0, outcome.Capture.Lost);
    }

    [Fact]
    public async Task RenderAsync_LossOverThreshold_RetriesOnceThenFailsWithTheFigure()
    {
        await using AgentRig rig = await AgentRig.StartAsync(azurite, new SimulatorOptions { Seed = 2, LossRatio = 0.2 });

        var failure = await Assert.ThrowsAsync<Ultimate64Exception>(() => rig.Get<Ultimate64Renderer>().RenderAsync(Request(1.5), TestContext.Current.CancellationToken));

        Assert.Equal(Ultimate64Failure.Stream, failure.Failure);
        Assert.Equal(2, failure.Attempts);
        Assert.InRange(failure.PacketLoss!.Value, 0.1, 0.3);
        Assert.Contains("packetLossThreshold", failure.Message, StringComparison.Ordinal);
        Assert.Equal(2, rig.Device.Calls.Count(c => c.Path.Contains("runners:sidplay", StringComparison.Ordinal)));
        Assert.Empty(await rig.Get<IAvailabilityStore>().ListForAsync(AgentRig.SongPath, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task RenderAsync_Success_StopsTheStreamAndResetsTheMachineLast()
    {
        await using AgentRig rig = await AgentRig.StartAsync(azurite, new SimulatorOptions());

        await rig.Get<Ultimate64Renderer>().RenderAsync(Request(1), TestContext.Current.CancellationToken);

        AssertEndsWithStopAndReset(rig);
        Assert.False(rig.Device.Stream!.Running);
    }

    [Fact]
    public async Task RenderAsync_StreamNeverArrives_FailsAndStillStopsAndResets()
    {
        await using AgentRig rig = await AgentRig.StartAsync(azurite, new SimulatorOptions { LossRatio = 1.0 });

        var failure = await Assert.ThrowsAsync<Ultimate64Exception>(() => rig.Get<Ultimate64Renderer>().RenderAsync(Request(1), TestContext.Current.CancellationToken));

        Assert.Equal(Ultimate64Failure.Stream, failure.Failure);
        Assert.Contains("no audio", failure.Message, StringComparison.Ordinal);
        AssertEndsWithStopAndReset(rig);
    }

    [Fact]
    public async Task RenderAsync_Cancelled_StillStopsAndResets()
    {
        await using AgentRig rig = await AgentRig.StartAsync(azurite, new SimulatorOptions());
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        Task render = rig.Get<Ultimate64Renderer>().RenderAsync(Request(60), cancel.Token);
        await Eventually.HoldsAsync(() => rig.Device.Stream is { Running: true, PacketsSent: > 50 }, TimeSpan.FromSeconds(30), "the stream to run");

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => render);
        AssertEndsWithStopAndReset(rig);
    }

    [Fact]
    public async Task RenderAsync_WrongPassword_FailsNamingTheDeviceAndThePasswordSetting()
    {
        await using AgentRig rig = await AgentRig.StartAsync(azurite, new SimulatorOptions { Password = "right" }, agentPassword: "wrong");

        var failure = await Assert.ThrowsAsync<Ultimate64Exception>(() => rig.Get<Ultimate64Renderer>().RenderAsync(Request(1), TestContext.Current.CancellationToken));

        Assert.Equal(Ultimate64Failure.Forbidden, failure.Failure);
        Assert.Contains(rig.Device.BaseAddress.ToString(), failure.Message, StringComparison.Ordinal);
        Assert.Contains("render.ultimate64.password", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderAsync_SubtuneNotInTheFile_FailsPermanentlyWithoutTouchingTheDevice()
    {
        await using AgentRig rig = await AgentRig.StartAsync(azurite, new SimulatorOptions());

        var failure = await Assert.ThrowsAsync<PermanentItemFailureException>(() => rig.Get<Ultimate64Renderer>().RenderAsync(Request(1, subtune: 9), TestContext.Current.CancellationToken));

        Assert.Contains("has 3 songs", failure.Message, StringComparison.Ordinal);
        Assert.Empty(rig.Device.Calls);
    }

    [Fact]
    public async Task RenderAsync_EncodedFormats_UploadsEachWithAvailability()
    {
        await using AgentRig rig = await AgentRig.StartAsync(azurite, new SimulatorOptions(),
            new Dictionary<string, string?> { ["render:ultimate64:outputSampleRate"] = "48000" });

        HardwareRenderOutcome outcome = await rig.Get<Ultimate64Renderer>().RenderAsync(Request(2, ["wav", "flac", "m4a"]), TestContext.Current.CancellationToken);

        Assert.Equal(["flac", "m4a", "wav"], outcome.Assets.Select(a => a.Format).Order());
        Assert.All(outcome.Assets, a => Assert.Equal((48_000, "ultimate64"), (a.SampleRate, a.Renderer)));
        (int rate, _, short[] samples) = await ReadWavAsync(rig, outcome.Assets.Single(a => a.Format == "wav").Blob);
        Assert.Equal(48_000, rate);
        Assert.InRange(samples.Length / 2, 95_900, 96_100);
        BlobContainerClient renders = rig.Storage.Container(rig.Storage.Names.RendersContainer);
        foreach (RenderAsset asset in outcome.Assets)
        {
            Assert.True(await renders.GetBlobClient(asset.Blob).ExistsAsync(TestContext.Current.CancellationToken), asset.Blob);
        }
    }

    private static void AssertEndsWithStopAndReset(AgentRig rig)
    {
        string[] paths = rig.Device.Calls.Select(c => c.Path).ToArray();
        Assert.True(paths.Length >= 2, string.Join(", ", paths));
        Assert.EndsWith("streams/audio:stop", paths[^2], StringComparison.Ordinal);
        Assert.EndsWith("machine:reset", paths[^1], StringComparison.Ordinal);
    }
}
