using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SidFlow.Core.Collection;
using SidFlow.Core.Jobs;
using SidFlow.Core.Render;
using SidFlow.EdgeAgent.Capture;
using SidFlow.EdgeAgent.Device;
using SidFlow.Emulation.Sid;

namespace SidFlow.EdgeAgent.Rendering;

/// <summary>
/// One hardware render: set the SID model, upload and play the song, stream its audio to the capture socket
/// for exactly the song's length in samples at the machine's true rate, and always stop the stream and reset
/// the machine afterwards. A capture that lost more than <c>packetLossThreshold</c> is taken once more, then
/// the render fails with the figure. The kept capture becomes a WAV at the device's rate (or resampled), the
/// other formats are encoded from it by the server's encoder, and everything is uploaded to <c>renders</c>
/// with availability rows (renderer <c>ultimate64</c>). One capture at a time per device; encoding and
/// upload happen outside that lock, so <c>maxConcurrent</c> above 1 overlaps them with the next capture.
/// </summary>
public sealed class Ultimate64Renderer(
    Ultimate64Device device,
    ICollectionStore collection,
    AudioEncoder encoder,
    IAvailabilityStore availability,
    IRenderAssetStore assets,
    IOptions<RenderOptions> options,
    TimeProvider time,
    ILogger<Ultimate64Renderer> logger)
{
    public const string RendererName = RenderMatrix.Ultimate64;
    public const int MaxAttempts = 2;

    // The capture may take the song's length plus this long (start-up, reordering window, a slow network).
    private static readonly TimeSpan CaptureAllowance = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(15);
    private static readonly string[] FileFormats = ["wav", "m4a", "flac"];

    private readonly SemaphoreSlim _deviceLock = new(1, 1);

    private Ultimate64Options Settings => options.Value.Ultimate64;

    public async Task<HardwareRenderOutcome> RenderAsync(HardwareRenderRequest request, CancellationToken cancellationToken)
    {
        if (request.Formats.FirstOrDefault(f => !FileFormats.Contains(f)) is { } unsupported)
        {
            throw new PermanentItemFailureException($"an Ultimate 64 capture gives {string.Join(", ", FileFormats)}, not '{unsupported}'");
        }

        if (request.DurationSec is not (> 0 and <= 3_600))
        {
            throw new PermanentItemFailureException($"durationSec must be more than 0 and at most 3600, not {request.DurationSec}");
        }

        byte[] bytes = await collection.ReadAsync(request.SidPath, cancellationToken)
                       ?? throw new PermanentItemFailureException($"{request.SidPath} is not in the collection");
        if (!SidFile.TryParse(bytes, out SidFile? sid, out SidFormatException? invalid))
        {
            throw new PermanentItemFailureException($"{request.SidPath} is not a valid SID file: {invalid!.Message}");
        }

        if (request.Subtune < 1 || request.Subtune > sid!.Songs)
        {
            throw new PermanentItemFailureException($"{request.SidPath} has {sid!.Songs} songs, not {request.Subtune}");
        }

        string work = Path.Combine(Path.GetTempPath(), "sidflow-u64", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            string wav = Path.Combine(work, "capture.wav");
            Captured captured = await CaptureWithRetryAsync(request, bytes, wav, cancellationToken);
            IReadOnlyList<RenderAsset> produced = await PublishAsync(request, captured, wav, work, cancellationToken);
            return new HardwareRenderOutcome(produced, captured.Stats, captured.Attempts, captured.Device);
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException ex)
            {
                logger.WorkFilesNotRemoved(ex, work);
            }
        }
    }

    private async Task<Captured> CaptureWithRetryAsync(HardwareRenderRequest request, byte[] sid, string wav, CancellationToken cancellationToken)
    {
        await _deviceLock.WaitAsync(cancellationToken);
        try
        {
            Ultimate64DeviceInfo info = await device.GetInfoAsync(cancellationToken);
            MachineClock clock = await ClockAsync(cancellationToken);
            string curve = Ultimate64Device.FilterCurveFor(Settings);
            string described = $"{info} at {device.Address.Authority}, SID {curve}, {clock.Name}";
            CaptureStats? stats = null;
            for (int attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                stats = await CaptureOnceAsync(request, sid, clock, curve, wav, cancellationToken);
                logger.Captured(request.SidPath, request.Subtune, stats.Frames, stats.Packets, stats.Lost, stats.LossRatio, stats.Elapsed.TotalMilliseconds, attempt);
                if (stats.LossRatio <= Settings.PacketLossThreshold)
                {
                    return new Captured(stats, attempt, clock, curve, described);
                }
            }

            throw new Ultimate64Exception(Ultimate64Failure.Stream,
                $"the capture of {request.SidPath} #{request.Subtune} from the Ultimate 64 at {device.Address.Authority} lost {stats!.LossRatio:P2} of its packets " +
                $"({stats.Lost} of {stats.Packets}) in the last of {MaxAttempts} attempts, over render.ultimate64.packetLossThreshold {Settings.PacketLossThreshold:P2}")
            {
                PacketLoss = stats.LossRatio,
                Attempts = MaxAttempts,
            };
        }
        finally
        {
            _deviceLock.Release();
        }
    }

    private async Task<CaptureStats> CaptureOnceAsync(HardwareRenderRequest request, byte[] sid, MachineClock clock, string curve, string wav, CancellationToken cancellationToken)
    {
        long frames = clock.FramesIn(request.DurationSec);
        CaptureEndpoint endpoint = await CaptureEndpoint.ResolveAsync(Settings, cancellationToken);
        using UdpAudioCapture capture = UdpAudioCapture.Bind(endpoint.Bind);
        await using var file = new FileStream(wav, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        await file.WriteAsync(WavFormat.Header(clock.WavRate, AudioPacket.Channels, frames * AudioPacket.Channels * sizeof(short)), cancellationToken);
        var sequencer = new PacketSequencer(frames, ReorderWindow, file);
        try
        {
            await device.SetFilterCurveAsync(curve, cancellationToken);
            await device.PlaySidAsync(sid, request.Subtune, cancellationToken);
            await device.StartAudioStreamAsync(endpoint.ReceiverFor(capture.LocalEndPoint), cancellationToken);
            TimeSpan bound = TimeSpan.FromSeconds(frames / clock.TrueRate) + CaptureAllowance;
            return await capture.CaptureAsync(sequencer, bound, cancellationToken);
        }
        finally
        {
            await StopAndResetAsync();
        }
    }

    /// <summary>
    /// A stream runs until stopped and the song plays on: both are undone on every path, cancellation
    /// included, so this uses its own bounded token rather than the caller's.
    /// </summary>
    private async Task StopAndResetAsync()
    {
        using var cleanup = new CancellationTokenSource(CleanupTimeout);
        try
        {
            await device.StopAudioStreamAsync(cleanup.Token);
        }
        catch (Exception ex) when (ex is Ultimate64Exception or OperationCanceledException)
        {
            logger.CleanupFailed(ex, "audio:stop", device.Address);
        }

        try
        {
            await device.ResetAsync(cleanup.Token);
        }
        catch (Exception ex) when (ex is Ultimate64Exception or OperationCanceledException)
        {
            logger.CleanupFailed(ex, "machine:reset", device.Address);
        }
    }

    /// <summary>The device's own system mode wins over <c>clockSpeed</c> when it reports one.</summary>
    private async Task<MachineClock> ClockAsync(CancellationToken cancellationToken)
    {
        MachineClock configured = MachineClock.Parse(Settings.ClockSpeed);
        try
        {
            string? reported = await device.GetSystemModeAsync(cancellationToken);
            return reported is null ? configured : MachineClock.Parse(reported);
        }
        catch (Ultimate64Exception ex) when (ex.Failure == Ultimate64Failure.Refused)
        {
            // Older firmware without the config route: the configured clock stands.
            logger.SystemModeUnknown(ex, configured.Name);
            return configured;
        }
    }

    private async Task<IReadOnlyList<RenderAsset>> PublishAsync(HardwareRenderRequest request, Captured captured, string wav, string work, CancellationToken cancellationToken)
    {
        int rate = captured.Clock.WavRate;
        string output = wav;
        if (Settings.OutputSampleRate > 0 && Settings.OutputSampleRate != rate)
        {
            output = Path.Combine(work, $"capture-{Settings.OutputSampleRate}.wav");
            await encoder.ResampleAsync(wav, Settings.OutputSampleRate, output, cancellationToken);
            rate = Settings.OutputSampleRate;
        }

        var duration = TimeSpan.FromSeconds(captured.Stats.Frames / captured.Clock.TrueRate);
        string baseName = $"{request.SidPath}/{request.Subtune}/{RendererName}";
        var produced = new List<RenderAsset>();
        foreach (string format in request.Formats.Distinct())
        {
            RenderTarget target = RenderTarget.For(format, output, baseName);
            if (format != "wav")
            {
                await encoder.EncodeAsync(output, format, request.Bitrate, target.Local, cancellationToken);
            }

            await assets.UploadFileAsync(target.Blob, target.Local, target.ContentType, cancellationToken);
            var asset = new RenderAsset
            {
                SidPath = request.SidPath,
                Subtune = request.Subtune,
                Format = format,
                Size = new FileInfo(target.Local).Length,
                Duration = duration.TotalSeconds,
                Bitrate = format == "m4a" ? request.Bitrate : null,
                SampleRate = rate,
                Channels = AudioPacket.Channels,
                RenderedAt = time.GetUtcNow(),
                Renderer = RendererName,
                Blob = target.Blob,
                Parameters = SongRenderService.Parameters(RendererName, TimeSpan.FromSeconds(request.DurationSec), rate, AudioPacket.Channels, format, request.Bitrate) + $";{captured.Curve};{captured.Clock.Name}",
                PacketLoss = captured.Stats.LossRatio,
                Device = captured.Device,
            };
            await availability.UpsertAsync(asset, cancellationToken);
            produced.Add(asset);
        }

        return produced;
    }

    // Reordering is undone within the configured buffer (bufferSize samples, 2048 = 11 packets, 43 ms).
    private int ReorderWindow => Math.Max(2, (Settings.BufferSize + AudioPacket.Frames - 1) / AudioPacket.Frames);

    private sealed record Captured(CaptureStats Stats, int Attempts, MachineClock Clock, string Curve, string Device);
}
