using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using SidFlow.Core.Catalog;
using SidFlow.Core.Classification;
using SidFlow.Core.Feedback;
using SidFlow.Core.Jobs;

namespace SidFlow.Core.Models;

/// <summary>
/// Trains a version: feedback joined with the classified features of the current feature set, split by
/// listener, one regression per head; writes <c>models/{version}/</c> (the heads' zips, <c>feature-stats.json</c>,
/// <c>evaluation.json</c>, <c>model-metadata.json</c> last) and a line of <c>training/training-log.jsonl</c>.
/// Seeded: the same feedback and parameters give the same model.
/// </summary>
public sealed class ModelTrainer(
    IFeedbackStore feedback,
    IClassificationStore classified,
    ICatalogStore catalog,
    IFeatureStatsStore stats,
    IModelStore models,
    ModelBaseline baseline,
    TimeProvider time)
{
    public const int Seed = 20_261_201;
    public const string StatsArtifact = "feature-stats.json";
    public const string EvaluationArtifact = "evaluation.json";
    private const double UnknownSongSeconds = 120;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<ModelMetadata> TrainAsync(string version, string jobId, ModelHyperparameters parameters, Action<string> status, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        status("Reading classifications");
        Dictionary<string, ClassificationRecord> songs = await classified.ListAsync(cancellationToken)
            .Where(r => r.FeatureSetVersion == FeatureSet.Version)
            .ToDictionaryAsync(r => r.Key, StringComparer.Ordinal, cancellationToken);
        status("Reading feedback");
        List<FeedbackEvent> events = await feedback.ReadAsync(null, cancellationToken).ToListAsync(cancellationToken);
        Dictionary<string, double> lengths = await SongLengthsAsync(events, cancellationToken);
        TrainingSet set = TrainingSet.Build(events, songs, key => lengths.GetValueOrDefault(key, UnknownSongSeconds), parameters.ValidationSplit, Seed);
        if (set.Training.Count(s => s.Explicit) < RatingModelTrainer.MinimumSamples || set.Validation.Count == 0)
        {
            throw new PermanentItemFailureException($"not enough feedback to train: {set.Training.Count} training and {set.Validation.Count} held-out samples from {set.Events} events on classified songs " +
                $"(at least {RatingModelTrainer.MinimumSamples} explicitly rated training samples and some held-out listeners are needed)");
        }

        status($"Training on {set.Training.Count} samples, {set.Validation.Count} held out");
        IReadOnlyDictionary<string, TrainedHead> heads = RatingModelTrainer.Train(set, parameters, Seed);
        var artifacts = new Dictionary<string, ModelArtifact>(StringComparer.Ordinal);
        foreach (TrainedHead head in heads.Values)
        {
            await WriteAsync(version, RatingHeads.ArtifactName(head.Head), head.Model, artifacts, cancellationToken);
        }

        FeatureStats corpus = await stats.ReadAsync(cancellationToken) ?? throw new PermanentItemFailureException("no corpus statistics: classify the collection first");
        await WriteAsync(version, StatsArtifact, JsonSerializer.SerializeToUtf8Bytes(corpus, Json), artifacts, cancellationToken);

        ModelMetrics metrics = MetricsOf(heads);
        if (parameters.Evaluate)
        {
            status("Evaluating against the baseline");
            ModelEvaluation evaluation = ModelEvaluation.Of(version, metrics, await baseline.MeasureAsync(set.Validation, metrics, version, cancellationToken));
            await models.WriteArtifactAsync(version, EvaluationArtifact, JsonSerializer.SerializeToUtf8Bytes(evaluation, Json), cancellationToken);
        }

        var metadata = new ModelMetadata
        {
            ModelVersion = version,
            TrainedAt = time.GetUtcNow(),
            TrainingDuration = clock.ElapsedMilliseconds,
            Samples = new ModelSamples(set.Training.Count + set.Validation.Count, set.ExplicitEvents, set.ImplicitEvents, set.Validation.Count),
            Hyperparameters = parameters,
            Metrics = metrics,
            FeatureSetVersion = FeatureSet.Version,
            Status = ModelStatus.Candidate,
            Features = FeatureSet.Names,
            Heads = heads.Values.ToDictionary(h => h.Head, h => new HeadMetrics(h.Training, h.Validation), StringComparer.Ordinal),
            Artifacts = artifacts,
            Lineage = new ModelLineage(set.FirstEventAt, set.LastEventAt, set.Events, set.Hash, CodeVersion, jobId, Seed),
        };
        await models.WriteMetadataAsync(metadata, cancellationToken);
        await models.AppendTrainingLogAsync(JsonSerializer.Serialize(new
        {
            metadata.ModelVersion, metadata.TrainedAt, metadata.TrainingDuration, metadata.Samples, metadata.Metrics, metadata.FeatureSetVersion,
            metadata.Lineage.TrainingSetHash, JobId = jobId,
        }, Json), cancellationToken);
        return metadata;
    }

    /// <summary>The code that trained: the assembly's informational version (its commit, when built from git).</summary>
    public static string CodeVersion { get; } =
        typeof(ModelTrainer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private static ModelMetrics MetricsOf(IReadOnlyDictionary<string, TrainedHead> heads)
    {
        TrainedHead[] ratings = RatingHeads.Ratings.Where(heads.ContainsKey).Select(h => heads[h]).ToArray();
        RegressionMetrics training = RegressionMetrics.Mean(ratings.Select(h => h.Training));
        RegressionMetrics validation = RegressionMetrics.Mean(ratings.Select(h => h.Validation));
        return new ModelMetrics(training.Mae, training.Rmse, training.R2, validation.Mae, validation.R2);
    }

    private async Task WriteAsync(string version, string name, byte[] content, Dictionary<string, ModelArtifact> artifacts, CancellationToken cancellationToken)
    {
        await models.WriteArtifactAsync(version, name, content, cancellationToken);
        artifacts[name] = new ModelArtifact(ModelArtifacts.Checksum(content), content.LongLength);
    }

    /// <summary>Song lengths of the skipped songs (a skip is early or late by the song's length).</summary>
    private async Task<Dictionary<string, double>> SongLengthsAsync(IEnumerable<FeedbackEvent> events, CancellationToken cancellationToken)
    {
        var lengths = new System.Collections.Concurrent.ConcurrentDictionary<string, double>(StringComparer.Ordinal);
        FeedbackEvent[] skips = events.Where(e => e.Action == FeedbackAction.Skip && e.PositionSeconds is not null).DistinctBy(e => e.SongKey).ToArray();
        await Parallel.ForEachAsync(skips, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (e, ct) =>
        {
            if ((await catalog.GetAsync(e.SidPath, ct))?.SongLength(e.Subtune) is { } length && length > TimeSpan.Zero)
            {
                lengths[e.SongKey] = length.TotalSeconds;
            }
        });
        return new Dictionary<string, double>(lengths, StringComparer.Ordinal);
    }
}
