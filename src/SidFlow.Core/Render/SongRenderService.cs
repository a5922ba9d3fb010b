using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SidFlow.Core.Catalog;
using SidFlow.Core.Collection;
using SidFlow.Core.Jobs;
using SidFlow.Emulation.Sid;

namespace SidFlow.Core.Render;

/// <summary>
/// Renders one song into the asked formats: one render to WAV, every other format encoded from it,
/// uploaded to <c>renders</c> and recorded in the availability manifest. An asset that exists with the
/// same parameters is not rendered again. Temporary files are removed on every path.
/// </summary>
public sealed class SongRenderService(
    ICollectionStore collection,
    ICatalogStore catalog,
    RenderEngineSelector engines,
    AudioEncoder encoder,
    IAvailabilityStore availability,
    IRenderAssetStore assets,
    IHardwareRenderQueue hardware,
    IOptions<RenderOptions> options,
    TimeProvider time,
    ILogger<SongRenderService> logger)
{
    public async Task<IReadOnlyList<RenderAsset>> RenderAsync(string sidPath, int subtune, RenderJobConfig config, CancellationToken cancellationToken)
    {
        (byte[] bytes, SidFile sid, TimeSpan duration) = await PrepareAsync(sidPath, subtune, config, cancellationToken);
        return config.Mode.Technology switch
        {
            RenderMatrix.Wasm => [await RecordSidAsync(sidPath, subtune, bytes, duration, cancellationToken)],
            RenderMatrix.Hardware => throw new InvalidOperationException("hardware renders are handed to the edge agent (SendToHardwareAsync)"),
            _ => await RenderOnServerAsync(sidPath, subtune, bytes, sid, duration, config, cancellationToken),
        };
    }

    /// <summary>
    /// Hands a render to the Ultimate 64 edge agent, which captures, encodes, uploads and records availability
    /// itself and answers <paramref name="replyTo"/>; returns by when the answer is due (<c>render.ultimate64.timeout</c>).
    /// </summary>
    public async Task<DateTimeOffset> SendToHardwareAsync(string sidPath, int subtune, RenderJobConfig config, string requestId, string replyTo, CancellationToken cancellationToken)
    {
        (_, _, TimeSpan duration) = await PrepareAsync(sidPath, subtune, config, cancellationToken);
        DateTimeOffset now = time.GetUtcNow();
        var request = new HardwareRenderRequest(requestId, sidPath, subtune, duration.TotalSeconds, config.Formats, RenderQuality.BitrateOf(config.Quality), now.ToUnixTimeMilliseconds())
        {
            ReplyTo = replyTo,
        };
        await hardware.SendAsync(request, cancellationToken);
        logger.SentToHardware(sidPath, subtune, requestId);
        return now + TimeSpan.FromMilliseconds(options.Value.Ultimate64.Timeout);
    }

    /// <summary>The song's file, parsed and checked, and how long to render it (asked, else its song length, else the default).</summary>
    private async Task<(byte[] Bytes, SidFile Sid, TimeSpan Duration)> PrepareAsync(string sidPath, int subtune, RenderJobConfig config, CancellationToken cancellationToken)
    {
        byte[] bytes = await collection.ReadAsync(sidPath, cancellationToken)
                       ?? throw new PermanentItemFailureException($"{sidPath} is not in the collection");
        if (!SidFile.TryParse(bytes, out SidFile? sid, out SidFormatException? invalid))
        {
            throw new PermanentItemFailureException($"{sidPath} is not a valid SID file: {invalid!.Message}");
        }

        if (subtune > sid!.Songs)
        {
            throw new PermanentItemFailureException($"{sidPath} has {sid.Songs} songs, not {subtune}");
        }

        CatalogEntry? row = await catalog.GetAsync(sidPath, cancellationToken);
        TimeSpan duration = config.Duration is double d ? TimeSpan.FromSeconds(d)
            : row?.SongLength(subtune) is { } known && known > TimeSpan.Zero ? known
            : TimeSpan.FromSeconds(options.Value.DefaultDurationSec);
        return (bytes, sid, duration);
    }

    private async Task<IReadOnlyList<RenderAsset>> RenderOnServerAsync(string sidPath, int subtune, byte[] bytes, SidFile sid, TimeSpan duration,
        RenderJobConfig config, CancellationToken cancellationToken)
    {
        IRenderEngine engine = engines.ForServer(config.Engine);
        int rate = options.Value.SampleRate;
        // Stereo 16-bit, as the guide's WAV sizes show (180 s = 31,752,044 bytes).
        const int channels = 2;
        int bitrate = RenderQuality.BitrateOf(config.Quality);
        IReadOnlyList<RenderAsset> existing = (await availability.ListForAsync(sidPath, cancellationToken)).Where(a => a.Subtune == subtune).ToArray();
        string[] needed = config.Formats.Where(f => !existing.Any(a => a.Format == f && a.Renderer == engine.Name && a.Parameters == Parameters(engine.Name, duration, rate, channels, f, bitrate))).ToArray();
        if (needed.Length == 0)
        {
            logger.AssetsExist(sidPath, subtune);
            return existing.Where(a => config.Formats.Contains(a.Format)).ToArray();
        }

        string work = Path.Combine(Path.GetTempPath(), "sidflow-render", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            string wav = Path.Combine(work, "render.wav");
            var request = new RenderRequest(sidPath, bytes, sid, subtune, duration) { SampleRate = rate, Channels = channels };
            RenderResult result;
            await using (var file = new FileStream(wav, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await file.WriteAsync(WavFormat.Header(rate, channels, request.Frames * channels * 2), cancellationToken);
                result = await engine.RenderAsync(request, file, cancellationToken);
            }

            var produced = new List<RenderAsset>();
            string baseName = $"{sidPath}/{subtune}/{engine.Name}";
            foreach (string format in needed)
            {
                (string local, string blob, string contentType) = RenderTarget.For(format, wav, baseName);
                if (format != "wav")
                {
                    await encoder.EncodeAsync(wav, format, bitrate, local, cancellationToken);
                }

                long size = await UploadAsync(format, local, blob, contentType, cancellationToken);
                var asset = new RenderAsset
                {
                    SidPath = sidPath,
                    Subtune = subtune,
                    Format = format,
                    Size = size,
                    Duration = result.Duration.TotalSeconds,
                    Bitrate = format is "m4a" or "hls" ? bitrate : null,
                    SampleRate = rate,
                    Channels = channels,
                    RenderedAt = time.GetUtcNow(),
                    Renderer = engine.Name,
                    Blob = blob,
                    Parameters = Parameters(engine.Name, duration, rate, channels, format, bitrate),
                };
                await availability.UpsertAsync(asset, cancellationToken);
                produced.Add(asset);
            }

            logger.AssetsRendered(sidPath, subtune, duration.TotalSeconds, engine.Name, result.Elapsed, string.Join(", ", needed));
            return produced;
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException ex)
            {
                logger.RenderFilesNotRemoved(ex, work);
            }
        }
    }

    private async Task<long> UploadAsync(string format, string local, string blob, string contentType, CancellationToken cancellationToken)
    {
        if (format != "hls")
        {
            await assets.UploadFileAsync(blob, local, contentType, cancellationToken);
            return new FileInfo(local).Length;
        }

        string prefix = blob[..(blob.LastIndexOf('/') + 1)];
        await assets.DeleteAsync(prefix, cancellationToken);
        long total = 0;
        foreach (string file in Directory.EnumerateFiles(local).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(file);
            await assets.UploadFileAsync(prefix + name, file, name.EndsWith(".m3u8", StringComparison.Ordinal) ? contentType : "video/mp2t", cancellationToken);
            total += new FileInfo(file).Length;
        }

        return total;
    }

    private async Task<RenderAsset> RecordSidAsync(string sidPath, int subtune, byte[] bytes, TimeSpan duration, CancellationToken cancellationToken)
    {
        // WASM renders on the client: what the server provides is the SID file itself, from the collection.
        var asset = new RenderAsset
        {
            SidPath = sidPath,
            Subtune = subtune,
            Format = "sid",
            Size = bytes.Length,
            Duration = duration.TotalSeconds,
            RenderedAt = time.GetUtcNow(),
            Renderer = "wasm",
            Blob = "hvsc/" + sidPath,
            Parameters = "client",
        };
        await availability.UpsertAsync(asset, cancellationToken);
        return asset;
    }

    public static string Parameters(string engine, TimeSpan duration, int rate, int channels, string format, int bitrate) =>
        string.Create(CultureInfo.InvariantCulture, $"{engine};{(long)duration.TotalMilliseconds}ms;{rate}Hz;{channels}ch{(format is "m4a" or "hls" ? $";{bitrate}bps" : string.Empty)}");
}
