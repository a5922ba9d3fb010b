using System.CommandLine;
using System.Diagnostics;
using SidFlow.Core.Classification;
using SidFlow.Core.Feedback;
using SidFlow.Core.Models;

namespace SidFlow.Local.Cli;

/// <summary>
/// <c>./sidflow bench model</c>: training time by number of feedback events, in-process prediction latency, and
/// the time a rollback takes from the request to the old version served (manifest, loaded model, re-rated songs).
/// Songs have synthetic features and listeners are simulated, so nothing is rendered.
/// </summary>
public static class BenchModelCommand
{
    private const int Seed = 1;

    public static Command Create()
    {
        var events = new Option<int[]>("--events") { Description = "Feedback events to train on, one run each", DefaultValueFactory = _ => [5_000, 50_000], AllowMultipleArgumentsPerToken = true };
        var songs = new Option<int>("--songs") { Description = "Songs the listeners hear", DefaultValueFactory = _ => 1_000 };
        var command = new Command("model", "Print training time per event count, prediction latency p50/p95 and rollback time") { events, songs };
        command.SetAction(async (parse, ct) =>
        {
            IReadOnlyList<ClassificationRecord> catalog = SimulatedListeners.SyntheticSongs(parse.GetValue(songs), Seed, DateTimeOffset.UtcNow);
            Console.WriteLine($"bench model: {catalog.Count} songs of synthetic features, simulated listeners, {Environment.ProcessorCount} cores; FastTree single-threaded, default parameters");
            // The first fit in a process pays for loading and compiling ML.NET: done once on a little feedback, not counted.
            Train(catalog, 1_000, print: false).Dispose();
            TrainedRatingModel? largest = null;
            foreach (int count in parse.GetValue(events)!.Order())
            {
                largest?.Dispose();
                largest = Train(catalog, count);
            }

            if (largest is not null)
            {
                Predict(largest, catalog);
                largest.Dispose();
            }

            await RollbackAsync(catalog.Take(200).ToArray(), ct);
            return 0;
        });
        return command;
    }

    /// <summary>Builds the training set and fits every head; prints how long, and the model's validation metrics.</summary>
    private static TrainedRatingModel Train(IReadOnlyList<ClassificationRecord> songs, int count, bool print = true)
    {
        FeedbackEvent[] events = Feedback(songs, count, DateTimeOffset.UtcNow);
        Dictionary<string, ClassificationRecord> classified = songs.ToDictionary(s => s.Key, StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        TrainingSet set = TrainingSet.Build(events, classified, _ => 120, ModelHyperparameters.Default.ValidationSplit, ModelTrainer.Seed);
        TimeSpan build = clock.Elapsed;
        IReadOnlyDictionary<string, TrainedHead> heads = RatingModelTrainer.Train(set, ModelHyperparameters.Default, ModelTrainer.Seed);
        clock.Stop();
        RegressionMetrics validation = RegressionMetrics.Mean(RatingHeads.Ratings.Select(h => heads[h].Validation));
        if (print)
        {
            Console.WriteLine($"  train {count,6} events: {clock.Elapsed.TotalSeconds,6:0.00} s ({build.TotalSeconds:0.00} s joining {set.Training.Count + set.Validation.Count} samples, " +
            $"the rest fitting {heads.Count} heads); validation MAE {validation.Mae:0.000}, R² {validation.R2:0.000}");
        }

        ModelMetadata metadata = new()
        {
            ModelVersion = "1.0.0", TrainedAt = DateTimeOffset.UtcNow, TrainingDuration = clock.ElapsedMilliseconds, Samples = new ModelSamples(0, 0, 0, 0),
            Hyperparameters = ModelHyperparameters.Default, Metrics = new ModelMetrics(0, 0, 0, validation.Mae, validation.R2), FeatureSetVersion = FeatureSet.Version,
            Status = ModelStatus.Candidate, Features = FeatureSet.Names, Heads = new Dictionary<string, HeadMetrics>(), Artifacts = new Dictionary<string, ModelArtifact>(),
            Lineage = new ModelLineage(null, null, count, set.Hash, ModelTrainer.CodeVersion, "bench", ModelTrainer.Seed),
        };
        return TrainedRatingModel.Load(metadata, heads.Values.ToDictionary(h => RatingHeads.ArtifactName(h.Head), h => h.Model, StringComparer.Ordinal));
    }

    /// <summary>One song's ratings per call, as classification asks for them, after a warm-up.</summary>
    private static void Predict(TrainedRatingModel model, IReadOnlyList<ClassificationRecord> songs)
    {
        foreach (ClassificationRecord song in songs.Take(200))
        {
            model.Predict(song.Features);
        }

        long[] micros = new long[Math.Max(songs.Count, 5_000)];
        for (int i = 0; i < micros.Length; i++)
        {
            long start = Stopwatch.GetTimestamp();
            model.Predict(songs[i % songs.Count].Features);
            micros[i] = (long)Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        Array.Sort(micros);
        Console.WriteLine($"  predict (energy, mood, complexity of one song, in process): p50 {BenchCommand.Percentile(micros, 0.5)} µs, p95 {BenchCommand.Percentile(micros, 0.95)} µs, " +
            $"p99 {BenchCommand.Percentile(micros, 0.99)} µs over {micros.Length} calls");
    }

    /// <summary>Two published versions on the real storage, then a rollback, timed to each point where the old version is served.</summary>
    private static async Task RollbackAsync(IReadOnlyList<ClassificationRecord> songs, CancellationToken ct)
    {
        await using AppSession session = await AppSession.OpenAsync(LogLevel.Warning, ct);
        string prefix = "bench" + Guid.NewGuid().ToString("N")[..8];
        await using (EngineSession engine = await EngineSession.StartAsync(session, ct, prefix: prefix))
        {
            IServiceProvider services = engine.Services;
            DateTimeOffset now = DateTimeOffset.UtcNow;
            await services.GetRequiredService<IClassificationStore>().UpsertManyAsync([.. songs], ct);
            await services.GetRequiredService<IFeatureStatsStore>().WriteAsync(FeatureStats.Compute(songs.Select(s => s.Features).ToArray(), now), ct);
            await services.GetRequiredService<IFeedbackStore>().AppendAsync(Feedback(songs, 5_000, now), ct);
            ModelTrainer trainer = services.GetRequiredService<ModelTrainer>();
            ModelRegistry registry = services.GetRequiredService<ModelRegistry>();
            foreach (string version in new[] { "1.0.0", "1.1.0" })
            {
                await trainer.TrainAsync(version, "bench", ModelHyperparameters.Default, _ => { }, ct);
                await registry.ApproveAsync(version, "bench", force: true, "bench", ct);
                await registry.PublishAsync(version, "bench", ct);
            }

            PublishedModelSource source = services.GetRequiredService<PublishedModelSource>();
            await source.GetCurrentAsync(ct);
            var clock = Stopwatch.StartNew();
            ModelManifest manifest = await registry.RollbackAsync(null, "bench", immediate: true, "bench", ct);
            TimeSpan written = clock.Elapsed;
            IRatingModel? loaded = await source.GetCurrentAsync(ct);
            TimeSpan served = clock.Elapsed;
            JobRecord rerate = await engine.Jobs.SubmitAsync("classify", null, JobPriority.Critical, "bench", ct);
            JobRecord done = await engine.Jobs.WaitAsync(rerate.Id, TimeSpan.FromMinutes(10), null, ct);
            clock.Stop();
            Console.WriteLine($"  rollback {manifest.Rollback.PreviousVersion} -> {manifest.ActiveVersion}: manifest written (what /api/model/latest serves) {written.TotalMilliseconds:0} ms, " +
                $"model {loaded?.Version} loaded and rating {served.TotalMilliseconds:0} ms, {songs.Count} songs re-rated ({done.Status.ToWire()}) {clock.Elapsed.TotalSeconds:0.0} s; " +
                $"other instances follow within {PublishedModelSource.RefreshInterval.TotalSeconds:0} s");
        }

        await BenchCommand.DeleteStorageAsync(session, prefix, ct);
    }

    /// <summary>The first <paramref name="count"/> events of a large simulated population, stored as the feedback API stores them.</summary>
    private static FeedbackEvent[] Feedback(IReadOnlyList<ClassificationRecord> songs, int count, DateTimeOffset now) =>
        new SimulatedListeners(songs, Seed).Listen(listeners: 1_000_000, songsPerListener: Math.Min(25, songs.Count), rateShare: 0.6, now.AddDays(-1))
            .Take(count)
            .Select(s => s.ToEvent(s.Listener, now))
            .ToArray();
}
