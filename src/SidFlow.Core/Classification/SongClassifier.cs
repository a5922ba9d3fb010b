using System.Buffers.Binary;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using SidFlow.Core.Catalog;
using SidFlow.Core.Collection;
using SidFlow.Core.Jobs;
using SidFlow.Core.Render;
using SidFlow.Core.Sid;

namespace SidFlow.Core.Classification;

/// <summary>
/// Classifies one song: reads it, takes its analysis window from the song-length database, renders that
/// window (mono, <see cref="ClassifyOptions.SampleRate"/>) with the classification engine, and extracts
/// audio and header features. Ratings are added by the caller with corpus statistics.
/// </summary>
public sealed class SongClassifier(ICollectionStore collection, ICatalogStore catalog, RenderEngineSelector engines, IOptions<ClassifyOptions> options, TimeProvider time)
{
    public async Task<(ClassificationRecord Record, TimeSpan Render, TimeSpan Features)> ClassifyAsync(string path, int subtune, CancellationToken cancellationToken)
    {
        byte[] bytes = await collection.ReadAsync(path, cancellationToken)
                       ?? throw new PermanentItemFailureException($"{path} is not in the collection");
        if (!SidFile.TryParse(bytes, out SidFile? sid, out SidFormatException? invalid))
        {
            throw new PermanentItemFailureException($"{path} is not a valid SID file: {invalid!.Message}");
        }

        if (subtune < 1 || subtune > sid!.Songs)
        {
            throw new PermanentItemFailureException($"{path} has {sid!.Songs} songs, not {subtune}");
        }

        CatalogEntry? row = await catalog.GetAsync(path, cancellationToken);
        TimeSpan? known = row?.SongLength(subtune) is { } l && l > TimeSpan.Zero ? l : null;
        (TimeSpan offset, TimeSpan duration) = options.Value.WindowFor(known ?? TimeSpan.FromSeconds(options.Value.DefaultLengthSeconds));
        IRenderEngine engine = engines.ForClassification();
        var request = new RenderRequest(path, bytes, sid, subtune, duration) { Offset = offset, SampleRate = options.Value.SampleRate, Channels = 1 };

        long renderStart = Stopwatch.GetTimestamp();
        using var pcm = new MemoryStream((int)(request.Frames * 2));
        await engine.RenderAsync(request, pcm, cancellationToken);
        TimeSpan render = Stopwatch.GetElapsedTime(renderStart);

        long featureStart = Stopwatch.GetTimestamp();
        float[] samples = ToFloats(pcm.GetBuffer().AsSpan(0, (int)pcm.Length));
        var features = new Dictionary<string, double>(AudioFeatureExtractor.Analyze(samples, request.SampleRate).Features, StringComparer.Ordinal);
        foreach ((string name, double value) in SidFeatures.Of(sid, subtune))
        {
            features[name] = value;
        }

        TimeSpan featureTime = Stopwatch.GetElapsedTime(featureStart);
        var record = new ClassificationRecord
        {
            Path = path,
            Subtune = subtune,
            Md5 = sid.Md5,
            FeatureSetVersion = FeatureSet.Version,
            Features = features,
            Renderer = engine.Name,
            AnalysisOffset = offset.TotalSeconds,
            AnalysisDuration = duration.TotalSeconds,
            LengthSource = known is null ? "default" : "songlengths",
            Author = string.IsNullOrWhiteSpace(sid.Author) ? null : sid.Author,
            Title = row?.StilSubtuneTitles.GetValueOrDefault(subtune) ?? (string.IsNullOrWhiteSpace(sid.Name) ? null : sid.Name),
            ClassifiedAt = time.GetUtcNow(),
        };
        return (record, render, featureTime);
    }

    private static float[] ToFloats(ReadOnlySpan<byte> pcm)
    {
        float[] samples = new float[pcm.Length / 2];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(pcm[(2 * i)..]) / 32768f;
        }

        return samples;
    }
}
