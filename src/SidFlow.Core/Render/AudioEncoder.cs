using FFMpegCore;
using FFMpegCore.Enums;
using Microsoft.Extensions.Options;
using SidFlow.Core.Processes;

namespace SidFlow.Core.Render;

/// <summary>
/// Encodes one rendered WAV into the other formats with FFMpegCore and Debian's ffmpeg: M4A (AAC at
/// the quality's bitrate), FLAC, and HLS (AAC in 6-second MPEG-TS segments with a VOD playlist).
/// Every run is bounded by <c>render.encodeTimeout</c>.
/// </summary>
public sealed class AudioEncoder(IOptions<RenderOptions> options)
{
    public const string HlsPlaylist = "index.m3u8";

    /// <summary>Why this server cannot encode (ffmpeg is not installed); null when it can.</summary>
    public string? Unavailable => ExecutableLocator.Find(options.Value.FfmpegPath) is null
        ? $"ffmpeg ('{options.Value.FfmpegPath}') is not installed on this server"
        : null;

    public async Task EncodeAsync(string wav, string format, int bitrate, string output, CancellationToken cancellationToken)
    {
        FFMpegArgumentProcessor processor = format switch
        {
            "m4a" => FFMpegArguments.FromFileInput(wav).OutputToFile(output, overwrite: true, o => o
                .WithAudioCodec(AudioCodec.Aac).WithAudioBitrate(bitrate / 1000).WithCustomArgument("-movflags +faststart").ForceFormat("ipod")),
            "flac" => FFMpegArguments.FromFileInput(wav).OutputToFile(output, overwrite: true, o => o
                .WithAudioCodec("flac").ForceFormat("flac")),
            "hls" => FFMpegArguments.FromFileInput(wav).OutputToFile(Path.Combine(output, HlsPlaylist), overwrite: true, o => o
                .WithAudioCodec(AudioCodec.Aac).WithAudioBitrate(bitrate / 1000)
                .WithCustomArgument($"-f hls -hls_time 6 -hls_playlist_type vod -hls_segment_filename \"{Path.Combine(output, "segment%03d.ts")}\"")),
            _ => throw new ArgumentException($"cannot encode to '{format}'", nameof(format)),
        };
        if (format == "hls")
        {
            Directory.CreateDirectory(output);
        }

        await RunAsync(processor, format, cancellationToken);
    }

    /// <summary>A 16-bit WAV at another rate (hardware captures come at the machine's clock-derived rate).</summary>
    public async Task ResampleAsync(string wav, int sampleRate, string output, CancellationToken cancellationToken) =>
        await RunAsync(
            FFMpegArguments.FromFileInput(wav).OutputToFile(output, overwrite: true, o => o
                .WithAudioCodec("pcm_s16le").WithAudioSamplingRate(sampleRate).ForceFormat("wav")),
            $"WAV at {sampleRate} Hz",
            cancellationToken);

    private async Task RunAsync(FFMpegArgumentProcessor processor, string format, CancellationToken cancellationToken)
    {
        FFOptions ff = new() { BinaryFolder = BinaryFolder(), TemporaryFilesFolder = Path.GetTempPath() };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Value.EncodeTimeout);
        try
        {
            await processor.CancellableThrough(deadline.Token, TimeSpan.FromSeconds(2)).ProcessAsynchronously(true, ff, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RenderException($"ffmpeg did not encode {format} within {options.Value.EncodeTimeout.TotalSeconds:0} s");
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not RenderException and not ToolMissingException)
        {
            throw new RenderException($"ffmpeg could not encode {format}: {ex.Message}", ex);
        }
    }

    private string BinaryFolder()
    {
        string ffmpeg = ExecutableLocator.Find(options.Value.FfmpegPath)
            ?? throw new ToolMissingException($"{Unavailable}: only WAV can be rendered here");
        return Path.GetDirectoryName(ffmpeg)!;
    }
}
