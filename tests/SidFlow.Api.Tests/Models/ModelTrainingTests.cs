using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SidFlow.Core.Classification;
using SidFlow.Core.Feedback;
using SidFlow.Core.Jobs;
using SidFlow.Core.Models;
using SidFlow.Local.Cli;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Api.Tests.Models;

/// <summary>
/// Listeners teach the model, end to end on the real app: a classified sample of real tunes, a simulated listener
/// population whose taste is a hidden function of the songs' features, its feedback through the feedback API,
/// training through <c>POST /api/train</c>, the guide's evaluation, approval, publishing and re-rating.
/// </summary>
public sealed class ModelTrainingTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(300);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Train_SimulatedListenersOnAClassifiedSample_BeatsTheHeuristicAndPassesEveryGate()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions
        {
            Configuration = AppOptions.FastJobs(new Dictionary<string, string?> { ["classify:skipSeconds"] = "1", ["classify:windowSeconds"] = "2" }),
        });
        await SampleImport.ImportAsync(app, SampleImport.SingleSongFiles(60, skip: 30), ct);
        await RunJobAsync(app, "/api/classify", new JsonObject { ["threads"] = 2 }, ct);
        IClassificationStore classified = app.Services.GetRequiredService<IClassificationStore>();
        List<ClassificationRecord> heuristicRows = await classified.ListAsync(ct).ToListAsync(ct);
        var listeners = new SimulatedListeners(heuristicRows, seed: 7);
        // The salt decides which hashed listeners are held out: a fixed one makes the run repeatable.
        await app.Storage.Container(app.Storage.Names.StateContainer).GetBlobClient("listener-salt").UploadAsync(BinaryData.FromString("model-training-test-salt-0001"), ct);

        int stored = await PostFeedbackAsync(app, listeners.Listen(listeners: 80, songsPerListener: 45, rateShare: 0.8, DateTimeOffset.UtcNow.AddHours(-3)).ToArray(), ct);
        JobRecord training = await RunJobAsync(app, "/api/train", new JsonObject { ["epochs"] = 50, ["batchSize"] = 32, ["learningRate"] = 0.001, ["validationSplit"] = 0.2, ["evaluate"] = true }, ct);

        Assert.Equal("1.0.0", training.Metadata.Result!["modelVersion"]!.GetValue<string>());
        ModelMetadata candidate = (await app.Admin.GetFromJsonAsync<ModelMetadata>("/api/admin/model/candidate", Json, ct))!;
        Assert.Equal(("1.0.0", ModelStatus.Candidate, FeatureSet.Version), (candidate.ModelVersion, candidate.Status, candidate.FeatureSetVersion));
        Assert.Equal(stored, candidate.Lineage.Events);
        Assert.True(candidate.Samples.Validation > 0 && candidate.Samples.Explicit > 0 && candidate.Samples.Implicit > 0, JsonSerializer.Serialize(candidate.Samples));
        JsonObject evaluation = (await app.Admin.GetFromJsonAsync<JsonObject>("/api/admin/model/evaluate", ct))!;
        output.WriteLine(evaluation.ToJsonString());
        Assert.True(evaluation["passed"]!.GetValue<bool>(), evaluation.ToJsonString());
        Assert.All(evaluation["gates"]!.AsArray(), g => Assert.True(g!["passed"]!.GetValue<bool>(), g.ToJsonString()));
        Assert.Equal("heuristic", evaluation["baseline"]!["source"]!.GetValue<string>());
        Assert.True(evaluation["baseline"]!["mae"]!.GetValue<double>() > candidate.Metrics.ValidationMae);

        JsonObject change = await ApproveAndPublishAsync(app, candidate.ModelVersion, ct);
        JobRecord rerate = await app.WaitForEndAsync(change["rerate"]!["job"]!["id"]!.GetValue<string>(), Long);

        Assert.True(rerate.Status == JobStatus.Completed, rerate.Metadata.Error);
        List<ClassificationRecord> modelRows = await classified.ListAsync(ct).ToListAsync(ct);
        Assert.All(modelRows, r => Assert.Equal(("model", "1.0.0"), (r.RatingSource, r.ModelVersion)));
        double modelError = MeanError(modelRows, listeners), heuristicError = MeanError(heuristicRows, listeners);
        output.WriteLine($"distance from the listeners' taste: model {modelError:0.000}, heuristic {heuristicError:0.000}");
        Assert.True(modelError < heuristicError / 2, $"model {modelError}, heuristic {heuristicError}");
        JsonObject served = (await app.Client.GetFromJsonAsync<JsonObject>($"/api/classification?sidPath={Uri.EscapeDataString(modelRows[0].Path)}", ct))!;
        Assert.Equal("model", served["ratingSource"]!.GetValue<string>());
        await AssertManifestServedAsync(app, candidate.ModelVersion, ct);
        JsonObject metrics = (await app.Admin.GetFromJsonAsync<JsonObject>("/api/admin/model/metrics", ct))!;
        Assert.Equal("1.0.0", metrics["activeVersion"]!.GetValue<string>());
        Assert.True(metrics["predictions"]!["total"]!.GetValue<long>() >= modelRows.Count, metrics.ToJsonString());
        Assert.Equal("healthy", metrics["health"]!.GetValue<string>());
    }

    [Fact]
    public async Task Train_SameFeedbackTwice_GivesTheSameModelAndRecordsItsLineage()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { Configuration = AppOptions.FastJobs() });
        IReadOnlyList<ClassificationRecord> songs = SimulatedListeners.SyntheticSongs(40, seed: 8, DateTimeOffset.UtcNow);
        await app.Services.GetRequiredService<IClassificationStore>().UpsertManyAsync([.. songs], ct);
        await app.Services.GetRequiredService<IFeatureStatsStore>().WriteAsync(FeatureStats.Compute(songs.Select(s => s.Features).ToArray(), DateTimeOffset.UtcNow), ct);
        await SampleImport.ImportAsync(app, [], ct, songs.Select(s => (s.Path, File.ReadAllBytes(RepositoryPaths.SampleFile("MUSICIANS/H/Hubbard_Rob/Ricochet.sid")))).ToArray());
        await PostFeedbackAsync(app, new SimulatedListeners(songs, seed: 8).Listen(20, 30, 0.8, DateTimeOffset.UtcNow.AddHours(-1)).ToArray(), ct);

        JobRecord first = await RunJobAsync(app, "/api/train", new JsonObject { ["epochs"] = 20 }, ct);
        JobRecord second = await RunJobAsync(app, "/api/train", new JsonObject { ["epochs"] = 20 }, ct);

        IModelStore store = app.Services.GetRequiredService<IModelStore>();
        ModelMetadata a = (await store.ReadMetadataAsync(first.Metadata.Result!["modelVersion"]!.GetValue<string>(), ct))!;
        ModelMetadata b = (await store.ReadMetadataAsync(second.Metadata.Result!["modelVersion"]!.GetValue<string>(), ct))!;
        Assert.Equal(("1.0.0", "1.1.0"), (a.ModelVersion, b.ModelVersion));
        Assert.Equal(a.Metrics, b.Metrics);
        Assert.Equal(a.Lineage.TrainingSetHash, b.Lineage.TrainingSetHash);
        Assert.StartsWith("sha256:", a.Lineage.TrainingSetHash, StringComparison.Ordinal);
        Assert.Equal((first.Id, FeatureSet.Version), (a.Lineage.JobId, a.FeatureSetVersion));
        Assert.True(a.Lineage.FeedbackFrom < a.Lineage.FeedbackTo, $"{a.Lineage.FeedbackFrom}..{a.Lineage.FeedbackTo}");
        Assert.Equal(ModelHyperparameters.Default with { Epochs = 20 }, a.Hyperparameters);
        Assert.Equal(RatingHeads.All.Select(RatingHeads.ArtifactName).Append(ModelTrainer.StatsArtifact).Order(StringComparer.Ordinal), a.Artifacts.Keys.Order(StringComparer.Ordinal));
        foreach ((string name, ModelArtifact artifact) in a.Artifacts)
        {
            byte[] content = (await store.ReadArtifactAsync(a.ModelVersion, name, ct))!;
            Assert.Equal((artifact.Checksum, artifact.SizeBytes), (ModelArtifacts.Checksum(content), content.LongLength));
        }

        var log = app.Storage.Container(app.Storage.Names.ModelsContainer).GetBlobClient("training/training-log.jsonl");
        string[] lines = (await log.DownloadContentAsync(ct)).Value.Content.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["1.0.0", "1.1.0"], lines.Select(l => JsonNode.Parse(l)!["modelVersion"]!.GetValue<string>()));
    }

    /// <summary>The mean distance, over songs and ratings, between a row's ratings and the listeners' true taste.</summary>
    private static double MeanError(IEnumerable<ClassificationRecord> rows, SimulatedListeners listeners) =>
        rows.Average(r =>
        {
            Ratings taste = listeners.TasteOf(r);
            return (Math.Abs(r.Ratings!.E - taste.E) + Math.Abs(r.Ratings.M - taste.M) + Math.Abs(r.Ratings.C - taste.C)) / 3;
        });

    private static async Task<JobRecord> RunJobAsync(RunningApp app, string route, JsonObject config, CancellationToken ct)
    {
        HttpResponseMessage submitted = await app.Admin.PostAsJsonAsync(route, config, ct);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        string id = (await submitted.Content.ReadFromJsonAsync<JsonObject>(ct))!["job"]!["id"]!.GetValue<string>();
        JobRecord done = await app.WaitForEndAsync(id, Long);
        Assert.True(done.Status == JobStatus.Completed, done.Metadata.Error);
        return done;
    }

    /// <summary>Posts the events in batches of the most the API takes; returns how many were stored.</summary>
    private static async Task<int> PostFeedbackAsync(RunningApp app, FeedbackSubmission[] events, CancellationToken ct)
    {
        int stored = 0;
        foreach (FeedbackSubmission[] batch in events.Chunk(FeedbackService.MaxBatch))
        {
            HttpResponseMessage response = await app.Client.PostAsJsonAsync("/api/feedback/batch",
                new JsonObject { ["events"] = new JsonArray(batch.Select(e => (JsonNode)SimulatedListeners.ToJson(e)).ToArray()) }, ct);
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(ct));
            stored += (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["stored"]!.GetValue<int>();
        }

        Assert.Equal(events.Length, stored);
        return stored;
    }

    private static async Task<JsonObject> ApproveAndPublishAsync(RunningApp app, string version, CancellationToken ct)
    {
        HttpResponseMessage approved = await app.Admin.PostAsJsonAsync("/api/admin/model/approve", new { modelVersion = version, notes = "passes every gate" }, ct);
        Assert.True(approved.IsSuccessStatusCode, await approved.Content.ReadAsStringAsync(ct));
        HttpResponseMessage published = await app.Admin.PostAsJsonAsync("/api/admin/model/publish", new { modelVersion = version }, ct);
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync(ct));
        return (await published.Content.ReadFromJsonAsync<JsonObject>(ct))!;
    }

    /// <summary>The manifest as players fetch it: cached a minute, its ETag revalidating to 304.</summary>
    private static async Task AssertManifestServedAsync(RunningApp app, string version, CancellationToken ct)
    {
        HttpResponseMessage latest = await app.Client.GetAsync("/api/model/latest", ct);
        Assert.Equal(HttpStatusCode.OK, latest.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), latest.Headers.CacheControl!.MaxAge);
        ModelManifest manifest = (await latest.Content.ReadFromJsonAsync<ModelManifest>(Json, ct))!;
        Assert.Equal(version, manifest.ActiveVersion);
        Assert.True(manifest.IsIntact);
        Assert.Equal($"\"{manifest.ManifestChecksum}\"", latest.Headers.ETag!.Tag);
        using var revalidate = new HttpRequestMessage(HttpMethod.Get, "/api/model/latest");
        revalidate.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(latest.Headers.ETag.Tag));
        Assert.Equal(HttpStatusCode.NotModified, (await app.Client.SendAsync(revalidate, ct)).StatusCode);
    }
}
