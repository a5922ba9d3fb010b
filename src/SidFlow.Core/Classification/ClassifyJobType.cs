using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using SidFlow.Core.Catalog;
using SidFlow.Core.Hvsc;
using SidFlow.Core.Jobs;
using SidFlow.Core.Render;

namespace SidFlow.Core.Classification;

/// <summary>
/// The <c>classify</c> job: one item per song (<c>path#subtune</c>) of the collection, a path, or a random
/// sample; songs classified already from the same file, feature set and engine are not done again. Items
/// store features (rated with the statistics at hand); the fan-in recomputes the corpus statistics,
/// rates every song with them (model or heuristic), optionally validates, and rebuilds the similarity index.
/// </summary>
public sealed class ClassifyJobType(
    SongClassifier classifier,
    IClassificationStore store,
    IFeatureStatsStore statsStore,
    ICatalogStore catalog,
    SongRater rater,
    IExplicitRatingSource explicitRatings,
    ISimilarityIndexSource index,
    RenderEngineSelector engines,
    ClassifyMetrics metrics,
    Microsoft.Extensions.Options.IOptions<ClassifyOptions> options,
    TimeProvider time) : JobType
{
    public const string TypeName = "classify";
    private const string SampleBlob = "sample.json";
    private static readonly JsonSerializerOptions ValidationJson = new(JsonSerializerDefaults.Web);
    private (FeatureStats Stats, Func<IReadOnlyDictionary<string, double>, (Ratings, string, string)> Rate)? _rating;
    private DateTimeOffset _ratingReadAt = DateTimeOffset.MinValue;

    public override string Name => TypeName;

    public override string DescribeItem(string key)
    {
        (string path, int subtune) = SongKey.Parse(key);
        return $"Classifying {path} #{subtune}";
    }

    public override JsonObject NormalizeConfig(JsonObject config)
    {
        string path = config["sidPath"] is JsonValue p && p.TryGetValue(out string? s) ? s.Trim() : string.Empty;
        if (path.Length > 0)
        {
            path = HvscPath.TryNormalizeRelative(path, out string normalized, out string? why) ? normalized : throw new JobConfigException($"sidPath: {why}");
        }

        var normalizedConfig = new JsonObject { ["sidPath"] = path, ["validate"] = Flag(config, "validate"), ["force"] = Flag(config, "force") };
        if (config["sample"] is { } sample)
        {
            normalizedConfig["sample"] = JsonConfig.TryGetInt(sample, out int n) && n is >= 1 and <= 1_000_000 ? n : throw new JobConfigException("sample must be 1..1000000 songs");
        }

        if (config["threads"] is { } threads)
        {
            normalizedConfig["threads"] = JsonConfig.TryGetInt(threads, out int t) && t is >= 1 and <= 256 ? t : throw new JobConfigException("threads must be 1..256");
        }

        if (Flag(config, "validate") && normalizedConfig["sample"] is null)
        {
            throw new JobConfigException("validate works on a sample: give sample as well");
        }

        return normalizedConfig;
    }

    public override int? MaxParallelItems(JsonObject config) =>
        JsonConfig.TryGetInt(config["threads"], out int threads) ? threads : Math.Max(1, options.Value.Threads);

    public override async IAsyncEnumerable<JobItemSpec> EnumerateAsync(JobContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string path = context.Config["sidPath"]?.GetValue<string>() ?? string.Empty;
        bool force = context.Config["force"]?.GetValue<bool>() == true;
        context.ReportStatus("Reading the catalog");
        var songs = new List<(string Key, string Md5)>();
        CatalogEntry? single = path.Length > 0 ? await catalog.GetAsync(path, cancellationToken) : null;
        IAsyncEnumerable<CatalogEntry> entries = single is not null ? new[] { single }.ToAsyncEnumerable()
            : catalog.ListAsync(path.Length == 0 ? null : path.TrimEnd('/') + "/", cancellationToken);
        await foreach (CatalogEntry entry in entries)
        {
            for (int subtune = 1; subtune <= Math.Max(1, entry.Songs); subtune++)
            {
                songs.Add((SongKey.Format(entry.Path, subtune), entry.Md5));
            }
        }

        if (JsonConfig.TryGetInt(context.Config["sample"], out int sample))
        {
            // A fixed shuffle per job: a resumed job samples the same songs.
            var random = new Random(unchecked(context.Job.Id.Aggregate((int)2166136261, (h, c) => (h ^ c) * 16777619)));
            songs = songs.OrderBy(_ => random.Next()).Take(sample).OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
            await context.Temp.WriteAsync(context.Job.Id, SampleBlob, new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(songs.Select(s => s.Key).ToArray())), cancellationToken);
        }

        IReadOnlyDictionary<string, ClassificationStamp> stamps = force ? new Dictionary<string, ClassificationStamp>() : await store.GetStampsAsync(cancellationToken);
        string renderer = engines.ForClassification().Name;
        int upToDate = 0;
        foreach ((string key, string md5) in songs)
        {
            if (stamps.TryGetValue(key, out ClassificationStamp? stamp) && stamp.IsCurrent(md5, renderer))
            {
                upToDate++;
                continue;
            }

            yield return new JobItemSpec(key);
        }

        context.Log($"{songs.Count} songs at '{(path.Length == 0 ? "(collection)" : path)}'; {upToDate} already classified with feature set {FeatureSet.Version} by {renderer}");
    }

    public override async Task RunItemAsync(JobItemContext context, CancellationToken cancellationToken)
    {
        (string path, int subtune) = SongKey.Parse(context.Key);
        // An earlier attempt may have stored the row and then stopped before the item was marked done (a crash, a lost lease).
        ClassificationStamp? earlier = context.Config["force"]?.GetValue<bool>() == true ? null : (await store.GetAsync(path, subtune, cancellationToken))?.Stamp;
        if (await classifier.ClassifyAsync(path, subtune, earlier, cancellationToken) is not { } classified)
        {
            return;
        }

        (ClassificationRecord record, TimeSpan render, TimeSpan featureTime) = classified;

        long storageStart = Stopwatch.GetTimestamp();
        if (await CurrentRatingAsync(cancellationToken) is { } rating)
        {
            (Ratings ratings, string source, string version) = rating.Rate(record.Features);
            record = record with { Ratings = ratings, RatingSource = source, ModelVersion = version, RatedAt = time.GetUtcNow() };
        }

        await store.UpsertAsync(record, cancellationToken);
        metrics.Record(render, featureTime, Stopwatch.GetElapsedTime(storageStart));
    }

    public override async Task FinalizeAsync(JobContext context, JobCounters counters, CancellationToken cancellationToken)
    {
        context.ReportStatus("Computing corpus statistics");
        List<ClassificationRecord> records = await store.ListAsync(cancellationToken).Where(r => r.FeatureSetVersion == FeatureSet.Version).ToListAsync(cancellationToken);
        if (records.Count == 0)
        {
            context.Log("Nothing is classified yet");
            return;
        }

        FeatureStats stats = FeatureStats.Compute(records.Select(r => r.Features).ToArray(), time.GetUtcNow());
        await statsStore.WriteAsync(stats, cancellationToken);
        context.ReportStatus($"Rating {records.Count} songs");
        var rate = await rater.CreateAsync(stats, cancellationToken, current: true);
        _rating = (stats, rate);
        _ratingReadAt = time.GetUtcNow();
        DateTimeOffset now = time.GetUtcNow();
        var changed = new List<ClassificationRecord>();
        foreach (ClassificationRecord r in records)
        {
            (Ratings ratings, string source, string version) = rate(r.Features);
            if (r.Ratings != ratings || r.RatingSource != source || r.ModelVersion != version)
            {
                changed.Add(r with { Ratings = ratings, RatingSource = source, ModelVersion = version, RatedAt = now });
            }
        }

        await store.UpsertManyAsync(changed, cancellationToken);
        context.Log($"Statistics over {records.Count} songs (feature set {FeatureSet.Version}); {changed.Count} ratings changed");

        if (context.Config["validate"]?.GetValue<bool>() == true)
        {
            ValidationReport report = await ValidateAsync(context, records, stats, cancellationToken);
            context.Log(report.ToString());
            await context.SaveResultAsync(new JsonObject { ["validation"] = JsonSerializer.SerializeToNode(report, ValidationJson) }, cancellationToken);
        }

        context.ReportStatus("Rebuilding the similarity index");
        await index.RebuildAsync(cancellationToken);
    }

    private async Task<ValidationReport> ValidateAsync(JobContext context, List<ClassificationRecord> records, FeatureStats stats, CancellationToken cancellationToken)
    {
        await using Stream? sampleStream = await context.Temp.OpenReadAsync(context.Job.Id, SampleBlob, cancellationToken);
        string[] keys = sampleStream is null ? [] : JsonSerializer.Deserialize<string[]>(sampleStream) ?? [];
        var byKey = records.ToDictionary(r => r.Key, StringComparer.Ordinal);
        ClassificationRecord[] sampled = keys.Select(k => byKey.GetValueOrDefault(k)).OfType<ClassificationRecord>().ToArray();
        var rate = await rater.CreateAsync(stats, cancellationToken);
        (Ratings Rated, string Source, string Version)[] rated = sampled.Select(r => rate(r.Features)).ToArray();
        Ratings[] heuristic = sampled.Select(r => RatingHeuristic.Rate(r.Features, stats)).ToArray();
        bool model = rated.Any(r => r.Source == "model");
        IReadOnlyDictionary<string, Ratings> given = await explicitRatings.GetAsync(keys, cancellationToken);
        var withExplicit = sampled.Select((r, i) => (Index: i, Explicit: given.GetValueOrDefault(r.Key))).Where(x => x.Explicit is not null).ToArray();
        return new ValidationReport(
            sampled.Length,
            model ? rated.First().Version : null,
            model ? ValidationReport.MeanAbsoluteDifference(rated.Select((r, i) => (r.Rated, heuristic[i])).ToArray()) : null,
            withExplicit.Length,
            model ? ValidationReport.MeanAbsoluteDifference(withExplicit.Select(x => (rated[x.Index].Rated, x.Explicit!)).ToArray()) : null,
            ValidationReport.MeanAbsoluteDifference(withExplicit.Select(x => (heuristic[x.Index], x.Explicit!)).ToArray()));
    }

    /// <summary>The published statistics and the rater made with them, read at most once a minute per process.</summary>
    private async Task<(FeatureStats Stats, Func<IReadOnlyDictionary<string, double>, (Ratings, string, string)> Rate)?> CurrentRatingAsync(CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() - _ratingReadAt > TimeSpan.FromMinutes(1))
        {
            FeatureStats? stats = await statsStore.ReadAsync(cancellationToken);
            _rating = stats is not null && stats.FeatureSetVersion == FeatureSet.Version ? (stats, await rater.CreateAsync(stats, cancellationToken)) : null;
            _ratingReadAt = time.GetUtcNow();
        }

        return _rating;
    }

    private static bool Flag(JsonObject config, string name) => config[name] is JsonValue v && v.TryGetValue(out bool b) && b;
}
