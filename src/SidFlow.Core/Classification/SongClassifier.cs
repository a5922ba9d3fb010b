using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SidFlow.Core.Catalog;
using SidFlow.Core.Collection;
using SidFlow.Emulation;
using SidFlow.Core.Jobs;
using SidFlow.Core.Render;
using SidFlow.Emulation.Sid;

namespace SidFlow.Core.Classification;

/// <summary>
/// Classifies one song: reads it, takes its analysis window from the song-length database, renders that
/// window (mono, <see cref="ClassifyOptions.SampleRate"/>) with the classification engine, and extracts
/// audio, header and SID-register features (the register trace comes with the audio from the emulator,
/// or from a trace-only run when another engine rendered). Ratings are added by the caller with corpus
/// statistics.
/// </summary>
public sealed class SongClassifier(ICollectionStore collection, ICatalogStore catalog, RenderEngineSelector engines, IOptions<ClassifyOptions> options, TimeProvider time, ILogger<SongClassifier> logger)
{
    /// <summary>Joins the classification engine and the engine that stood in for it in a row's renderer.</summary>
    public const string FallbackSeparator = "+";

    // A trace-only run is thousands of times faster than real time; this only stops a tune that loops pathologically.
    private static readonly TimeSpan TraceTimeLimit = TimeSpan.FromSeconds(30);

    /// <summary>Classifies the song; returns null, doing nothing, when <paramref name="unlessCurrent"/> already describes this file classified this way.</summary>
    public async Task<(ClassificationRecord Record, TimeSpan Render, TimeSpan Features)?> ClassifyAsync(string path, int subtune, ClassificationStamp? unlessCurrent, CancellationToken cancellationToken)
    {
        CatalogEntry? row = await catalog.GetAsync(path, cancellationToken);
        if (unlessCurrent is not null && row is not null && unlessCurrent.IsCurrent(row.Md5, engines.ForClassification().Name))
        {
            return null;
        }

        byte[] bytes = await collection.ReadAsync(path, cancellationToken)
                       ?? throw new PermanentItemFailureException($"{path} is not in the collection");
        return await AnalyzeAsync(path, subtune, bytes, row, cancellationToken);
    }

    /// <summary>Renders and analyses a song whose file and catalog row the caller has: the CPU-bound part, with no storage.</summary>
    public async Task<(ClassificationRecord Record, TimeSpan Render, TimeSpan Features)> AnalyzeAsync(string path, int subtune, byte[] bytes, CatalogEntry? row, CancellationToken cancellationToken)
    {
        if (!SidFile.TryParse(bytes, out SidFile? sid, out SidFormatException? invalid))
        {
            throw new PermanentItemFailureException($"{path} is not a valid SID file: {invalid!.Message}");
        }

        if (subtune < 1 || subtune > sid!.Songs)
        {
            throw new PermanentItemFailureException($"{path} has {sid!.Songs} songs, not {subtune}");
        }

        TimeSpan? known = row?.SongLength(subtune) is { } l && l > TimeSpan.Zero ? l : null;
        (TimeSpan offset, TimeSpan duration) = options.Value.WindowFor(known ?? TimeSpan.FromSeconds(options.Value.DefaultLengthSeconds));
        var request = new RenderRequest(path, bytes, sid, subtune, duration) { Offset = offset, SampleRate = options.Value.SampleRate, Channels = 1, CaptureTrace = true };

        long renderStart = Stopwatch.GetTimestamp();
        using var pcm = new MemoryStream((int)(request.Frames * 2));
        (RenderResult rendered, string renderer) = await RenderAsync(request, pcm, cancellationToken);
        SidRegisterTrace? trace = rendered.Trace ?? RecordTrace(sid, subtune, offset, duration, path);
        TimeSpan render = Stopwatch.GetElapsedTime(renderStart);

        long featureStart = Stopwatch.GetTimestamp();
        float[] samples = Pcm16.ToFloats(pcm.GetBuffer().AsSpan(0, (int)pcm.Length));
        var features = new Dictionary<string, double>(AudioFeatureExtractor.Analyze(samples, request.SampleRate).Features, StringComparer.Ordinal);
        foreach ((string name, double value) in SidFeatures.Of(sid, subtune))
        {
            features[name] = value;
        }

        if (trace is not null)
        {
            foreach ((string name, double value) in SidTraceFeatures.Of(trace, sid.SidChipCount, duration))
            {
                features[name] = value;
            }
        }

        TimeSpan featureTime = Stopwatch.GetElapsedTime(featureStart);
        var record = new ClassificationRecord
        {
            Path = path,
            Subtune = subtune,
            Md5 = sid.Md5,
            FeatureSetVersion = FeatureSet.Version,
            Features = features,
            Renderer = renderer,
            AnalysisOffset = offset.TotalSeconds,
            AnalysisDuration = duration.TotalSeconds,
            LengthSource = known is null ? "default" : "songlengths",
            Author = string.IsNullOrWhiteSpace(sid.Author) ? null : sid.Author,
            Title = row?.StilSubtuneTitles.GetValueOrDefault(subtune) ?? (string.IsNullOrWhiteSpace(sid.Name) ? null : sid.Name),
            ClassifiedAt = time.GetUtcNow(),
        };
        return (record, render, featureTime);
    }

    /// <summary>
    /// Renders with the classification engine; a tune that engine cannot run (the emulator has no BASIC ROM,
    /// no MUS player, or the tune jammed its CPU) goes to the first server engine instead, and the row says so.
    /// </summary>
    private async Task<(RenderResult Result, string Renderer)> RenderAsync(RenderRequest request, MemoryStream pcm, CancellationToken cancellationToken)
    {
        IRenderEngine engine = engines.ForClassification();
        try
        {
            return (await engine.RenderAsync(request, pcm, cancellationToken), engine.Name);
        }
        catch (EngineCannotPlayException ex)
        {
            IRenderEngine fallback = engines.ForServer(null);
            if (fallback.Name == engine.Name)
            {
                throw new UnplayableSidException(ex.Message, ex);
            }

            logger.EngineFallback(ex, request.Label, request.Subtune, engine.Name, fallback.Name);
            pcm.SetLength(0);
            return (await fallback.RenderAsync(request, pcm, cancellationToken), engine.Name + FallbackSeparator + fallback.Name);
        }
    }

    /// <summary>The window's register writes from a trace-only run; none when the emulator cannot run the tune.</summary>
    private SidRegisterTrace? RecordTrace(SidFile sid, int subtune, TimeSpan offset, TimeSpan duration, string path)
    {
        try
        {
            return SidTraceFeatures.Record(sid, subtune, offset, duration, TraceTimeLimit);
        }
        catch (SidEmulationException ex)
        {
            logger.NoTraceFeatures(ex, path, subtune);
            return null;
        }
    }
}
