using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SidFlow.Core.Classification;
using SidFlow.Core.Feedback;
using SidFlow.Core.Jobs;
using SidFlow.Core.Models;
using SidFlow.Core.Operations;
using SidFlow.Local.Cli;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Api.Tests.Models;

/// <summary>
/// The guide's model lifecycle through the real API, on songs with synthetic features (so no rendering) and a
/// simulated listener population whose events are stored directly; models are trained by the real trainer.
/// </summary>
public sealed class ModelApiTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(120);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Approve_CandidateFailingAGate_RefusedWith409UntilForcedWithNotes()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { RunJobEngine = false });
        // Ratings that are pure noise: nothing a model could learn.
        Models models = await Models.WithFeedbackAsync(app, seed: 1, noise: 3.0, ct);
        ModelMetadata candidate = await models.TrainAsync(ct);

        JsonObject evaluation = (await app.Admin.GetFromJsonAsync<JsonObject>("/api/admin/model/evaluate", ct))!;
        HttpResponseMessage refused = await Approve(app, candidate.ModelVersion, notes: null, force: false, ct);
        HttpResponseMessage forcedWithoutNotes = await Approve(app, candidate.ModelVersion, notes: " ", force: true, ct);
        HttpResponseMessage forced = await Approve(app, candidate.ModelVersion, notes: "accepted for a listening test", force: true, ct);

        Assert.False(evaluation["passed"]!.GetValue<bool>());
        Assert.Equal("heuristic", evaluation["baseline"]!["source"]!.GetValue<string>());
        Assert.Contains(evaluation["recommendations"]!.AsArray(), r => r!.GetValue<string>().StartsWith("✗ validation R²", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        string[] failedGates = (await refused.Content.ReadFromJsonAsync<JsonObject>(ct))!["failedGates"]!.AsArray().Select(g => g!.GetValue<string>()).ToArray();
        Assert.Contains("r2", failedGates);
        Assert.Equal(HttpStatusCode.Conflict, forcedWithoutNotes.StatusCode);
        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        ModelMetadata approved = (await forced.Content.ReadFromJsonAsync<ModelMetadata>(Json, ct))!;
        Assert.Equal(ModelStatus.Approved, approved.Status);
        Assert.True(approved.Approval!.Forced);
        Assert.Equal(failedGates, approved.Approval.FailedGates);
        Assert.Equal(candidate.ModelVersion, (await app.Services.GetRequiredService<IModelStore>().ReadActiveVersionAsync(ct))!.Version);

        IReadOnlyList<AuditEntry> audit = await app.Services.GetRequiredService<IAuditLog>().ReadAsync("model.approve", null, 10, ct);
        Assert.Equal([false, false, true], audit.Select(a => a.Success));
        Assert.True(audit[2].Details["force"]!.GetValue<bool>());
        Assert.Equal("accepted for a listening test", audit[2].Details["notes"]!.GetValue<string>());
        Assert.Contains("r2", audit[0].Details["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_TamperedArtifact_RefusedAndTheManifestStaysAsItWas()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { Configuration = AppOptions.FastJobs() });
        Models models = await Models.WithFeedbackAsync(app, seed: 2, noise: 0.15, ct);
        await models.PublishAsync(await models.TrainAsync(ct), ct);
        HttpResponseMessage before = await app.Client.GetAsync("/api/model/latest", ct);
        ModelMetadata second = await models.TrainAsync(ct);
        Assert.Equal(HttpStatusCode.OK, (await Approve(app, second.ModelVersion, "retrained", force: true, ct)).StatusCode);
        IModelStore store = app.Services.GetRequiredService<IModelStore>();
        string energy = RatingHeads.ArtifactName(RatingHeads.Energy);
        byte[] zip = (await store.ReadArtifactAsync(second.ModelVersion, energy, ct))!;
        zip[zip.Length / 2] ^= 0x5A;
        await store.WriteArtifactAsync(second.ModelVersion, energy, zip, ct);

        HttpResponseMessage refused = await app.Admin.PostAsJsonAsync("/api/admin/model/publish", new { modelVersion = second.ModelVersion }, ct);
        HttpResponseMessage after = await app.Client.GetAsync("/api/model/latest", ct);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains($"artifact {energy} of model {second.ModelVersion} does not match its checksum", await refused.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(before.Headers.ETag, after.Headers.ETag);
        Assert.Equal("1.0.0", (await after.Content.ReadFromJsonAsync<ModelManifest>(Json, ct))!.ActiveVersion);
        AuditEntry failed = (await app.Services.GetRequiredService<IAuditLog>().ReadAsync("model.publish", null, 10, ct))[^1];
        Assert.False(failed.Success);
    }

    [Fact]
    public async Task PublishAndRollback_SentAtOnce_LeaveOneIntactManifest()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { Configuration = AppOptions.FastJobs() });
        Models models = await Models.WithFeedbackAsync(app, seed: 3, noise: 0.15, ct);
        await models.PublishAsync(await models.TrainAsync(ct), ct);
        await models.PublishAsync(await models.TrainAsync(ct), ct);
        IModelStore store = app.Services.GetRequiredService<IModelStore>();

        for (int round = 0; round < 3; round++)
        {
            ModelManifest start = (await store.ReadManifestAsync(ct))!.Value.Manifest;
            ModelMetadata next = await models.TrainAsync(ct);
            Assert.Equal(HttpStatusCode.OK, (await Approve(app, next.ModelVersion, "round " + round, force: true, ct)).StatusCode);
            string target = start.Rollback.PreviousVersion!;

            HttpResponseMessage[] answers = await Task.WhenAll(
                app.Admin.PostAsJsonAsync("/api/admin/model/publish", new { modelVersion = next.ModelVersion }, ct),
                app.Admin.PostAsJsonAsync("/api/admin/model/rollback", new { reason = "race", targetVersion = target }, ct));

            Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{a.StatusCode}: {a.Content.ReadAsStringAsync(ct).Result}"));
            Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.OK);
            ModelManifest[] written = await Task.WhenAll(answers.Where(a => a.IsSuccessStatusCode)
                .Select(async a => (await a.Content.ReadFromJsonAsync<JsonObject>(ct))!["manifest"].Deserialize<ModelManifest>(Json)!));
            ModelManifest final = (await store.ReadManifestAsync(ct))!.Value.Manifest;
            Assert.True(final.IsIntact);
            Assert.Contains(final.ManifestChecksum, written.Select(w => w.ManifestChecksum));
            Assert.Contains(final.ActiveVersion, new[] { next.ModelVersion, target });
            Assert.Equal((await store.ReadMetadataAsync(final.ActiveVersion, ct))!.Artifacts, final.Artifacts);
            // Two changes that both landed were made one after the other: the later one saw the earlier.
            if (written.Length == 2)
            {
                ModelManifest earlier = written.Single(w => w.ManifestChecksum != final.ManifestChecksum);
                Assert.Equal(earlier.ActiveVersion, final.Rollback.PreviousVersion);
            }
            else
            {
                Assert.Equal(start.ActiveVersion, final.Rollback.PreviousVersion);
            }
        }
    }

    [Fact]
    public async Task Rollback_AfterANewerPublish_RestoresThePreviousVersionsRatingsExactly()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { Configuration = AppOptions.FastJobs() });
        Models models = await Models.WithFeedbackAsync(app, seed: 4, noise: 0.15, ct);
        ModelMetadata first = await models.TrainAsync(ct);
        Dictionary<string, Ratings> ratedByFirst = await models.PublishAsync(first, ct);
        await models.AddFeedbackAsync(seed: 44, ct);
        ModelMetadata second = await models.TrainAsync(ct);
        Dictionary<string, Ratings> ratedBySecond = await models.PublishAsync(second, ct);

        HttpResponseMessage rollback = await app.Admin.PostAsJsonAsync("/api/admin/model/rollback", new { reason = "listeners complain", immediate = true }, ct);

        Assert.Equal(HttpStatusCode.OK, rollback.StatusCode);
        JsonObject answer = (await rollback.Content.ReadFromJsonAsync<JsonObject>(ct))!;
        ModelManifest manifest = answer["manifest"].Deserialize<ModelManifest>(Json)!;
        Assert.Equal((first.ModelVersion, second.ModelVersion), (manifest.ActiveVersion, manifest.Rollback.PreviousVersion));
        Assert.Equal(new ManifestChange("rollback", "admin", "listeners complain"), manifest.Change);
        Assert.NotEqual(ratedByFirst, ratedBySecond);
        Dictionary<string, Ratings> restored = await models.RatingsAfterAsync(answer["rerate"]!["job"]!["id"]!.GetValue<string>(), first.ModelVersion, ct);
        Assert.Equal(ratedByFirst, restored);
        JsonObject metrics = (await app.Admin.GetFromJsonAsync<JsonObject>("/api/admin/model/metrics", ct))!;
        Assert.Equal(first.ModelVersion, metrics["activeVersion"]!.GetValue<string>());
        AuditEntry audited = (await app.Services.GetRequiredService<IAuditLog>().ReadAsync("model.rollback", null, 10, ct)).Single();
        Assert.Equal((true, first.ModelVersion, "listeners complain"), (audited.Success, audited.Details["activeVersion"]!.GetValue<string>(), audited.Details["reason"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Publish_SeventhVersion_KeepsTheLastFiveAndArchivesTheOlder()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { Configuration = AppOptions.FastJobs() });
        Models models = await Models.WithFeedbackAsync(app, seed: 5, noise: 0.15, ct);
        for (int i = 0; i < 7; i++)
        {
            await models.PublishAsync(await models.TrainAsync(ct), ct, waitForRerate: false);
        }

        IModelStore store = app.Services.GetRequiredService<IModelStore>();
        ModelManifest manifest = (await store.ReadManifestAsync(ct))!.Value.Manifest;
        JsonArray versions = (await app.Admin.GetFromJsonAsync<JsonArray>("/api/admin/model/versions", ct))!;

        Assert.Equal("1.6.0", manifest.ActiveVersion);
        Assert.Equal(["1.2.0", "1.3.0", "1.4.0", "1.5.0"], manifest.Rollback.AvailableVersions);
        Assert.Equal(["1.6.0", "1.5.0", "1.4.0", "1.3.0", "1.2.0"], versions.Select(v => v!["modelVersion"]!.GetValue<string>()));
        Assert.Equal([ModelStatus.Production, .. Enumerable.Repeat(ModelStatus.Retired, 4)], versions.Select(v => v!["status"]!.GetValue<string>()));
        Assert.Null(await store.ReadMetadataAsync("1.0.0", ct));
        var archive = app.Storage.Container(app.Storage.Names.ModelArchiveContainer);
        foreach (string archived in new[] { "1.0.0", "1.1.0" })
        {
            var blob = archive.GetBlobClient($"{archived}/model-metadata.json");
            ModelMetadata kept = JsonSerializer.Deserialize<ModelMetadata>((await blob.DownloadContentAsync(ct)).Value.Content.ToStream(), Json)!;
            Assert.Equal(ModelStatus.Archived, kept.Status);
            Assert.True((await blob.GetPropertiesAsync(cancellationToken: ct)).Value.Metadata.ContainsKey("archivedAt"));
        }

        HttpResponseMessage tooOld = await app.Admin.PostAsJsonAsync("/api/admin/model/rollback", new { reason = "too far", targetVersion = "1.1.0" }, ct);
        Assert.Equal(HttpStatusCode.Conflict, tooOld.StatusCode);
    }

    [Fact]
    public async Task PublishAndLoad_ModelWithOtherFeatureSchema_RefusedAndHealthSaysWhy()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { Configuration = AppOptions.FastJobs() });
        Models models = await Models.WithFeedbackAsync(app, seed: 6, noise: 0.15, ct);
        IModelStore store = app.Services.GetRequiredService<IModelStore>();
        ModelMetadata published = await models.TrainAsync(ct);
        await models.PublishAsync(published, ct);
        ModelMetadata candidate = await models.TrainAsync(ct);
        Assert.Equal(HttpStatusCode.OK, (await Approve(app, candidate.ModelVersion, "retrained", force: true, ct)).StatusCode);
        await store.WriteMetadataAsync(Swapped((await store.ReadMetadataAsync(candidate.ModelVersion, ct))!), ct);

        HttpResponseMessage refused = await app.Admin.PostAsJsonAsync("/api/admin/model/publish", new { modelVersion = candidate.ModelVersion }, ct);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("trained on other features", await refused.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);

        // The published model's schema changes under a running service, as when an instance of another feature set starts.
        ModelMetadata production = (await store.ReadMetadataAsync(published.ModelVersion, ct))!;
        await store.WriteMetadataAsync(Swapped(production), ct);
        await using RunningApp restarted = await RunningApp.StartAsync(azurite, new AppOptions { Prefix = app.Prefix, RunJobEngine = false });

        IRatingModel? loaded = await restarted.Services.GetRequiredService<PublishedModelSource>().GetCurrentAsync(ct);
        JsonObject metrics = (await restarted.Admin.GetFromJsonAsync<JsonObject>("/api/admin/model/metrics", ct))!;
        JsonObject health = (await restarted.Client.GetFromJsonAsync<JsonObject>("/api/health", ct))!;

        Assert.Null(loaded);
        Assert.Equal((published.ModelVersion, "degraded"), (metrics["activeVersion"]!.GetValue<string>(), metrics["health"]!.GetValue<string>()));
        string problem = Assert.Single(metrics["problems"]!.AsArray())!.GetValue<string>();
        Assert.Contains($"feature 0 is '{FeatureSet.Names[1]}' in the model, '{FeatureSet.Names[0]}' here", problem, StringComparison.Ordinal);
        Assert.Contains("trained on other features", health.ToJsonString(), StringComparison.Ordinal);
        AuditEntry alert = (await restarted.Services.GetRequiredService<IAuditLog>().ReadAsync("model.alert", null, 10, ct)).Single();
        Assert.Equal("load", alert.Details["condition"]!.GetValue<string>());
    }

    private static ModelMetadata Swapped(ModelMetadata metadata) => metadata with { Features = [metadata.Features[1], metadata.Features[0], .. metadata.Features.Skip(2)] };

    private static Task<HttpResponseMessage> Approve(RunningApp app, string version, string? notes, bool force, CancellationToken ct) =>
        app.Admin.PostAsJsonAsync("/api/admin/model/approve", new { modelVersion = version, notes, force }, ct);

    /// <summary>Synthetic songs, their listeners' feedback, and the steps of the lifecycle a test goes through to reach its point.</summary>
    private sealed class Models(RunningApp app, IReadOnlyList<ClassificationRecord> songs, double noise)
    {
        private const int Listeners = 24;
        private const int SongsPerListener = 40;

        public static async Task<Models> WithFeedbackAsync(RunningApp app, int seed, double noise, CancellationToken ct)
        {
            DateTimeOffset now = DateTimeOffset.UtcNow;
            IReadOnlyList<ClassificationRecord> songs = SimulatedListeners.SyntheticSongs(60, seed, now);
            await app.Services.GetRequiredService<IClassificationStore>().UpsertManyAsync([.. songs], ct);
            await app.Services.GetRequiredService<IFeatureStatsStore>().WriteAsync(FeatureStats.Compute(songs.Select(s => s.Features).ToArray(), now), ct);
            var models = new Models(app, songs, noise);
            await models.AddFeedbackAsync(seed, ct);
            return models;
        }

        /// <summary>A population's events, stored as the feedback API stores them (listener hashing aside).</summary>
        public async Task AddFeedbackAsync(int seed, CancellationToken ct)
        {
            DateTimeOffset now = DateTimeOffset.UtcNow;
            FeedbackEvent[] events = new SimulatedListeners(songs, seed, noise).Listen(Listeners, SongsPerListener, 0.8, now.AddHours(-1), $"sim{seed}")
                .Select(s => s.ToEvent(s.Listener, now)).ToArray();
            Assert.Equal(events.Length, await app.Services.GetRequiredService<IFeedbackStore>().AppendAsync(events, ct));
        }

        public async Task<ModelMetadata> TrainAsync(CancellationToken ct)
        {
            IModelStore store = app.Services.GetRequiredService<IModelStore>();
            string version = ModelVersion.Next(await store.ListAsync(ct), FeatureSet.Version).ToString();
            return await app.Services.GetRequiredService<ModelTrainer>().TrainAsync(version, "test", ModelHyperparameters.Default, _ => { }, ct);
        }

        /// <summary>
        /// Approves (forced: a retrained model on the same feedback is no better than the production one, the baseline
        /// gate) and publishes through the API; returns the ratings the publish's re-rate job gave every song.
        /// </summary>
        public async Task<Dictionary<string, Ratings>> PublishAsync(ModelMetadata model, CancellationToken ct, bool waitForRerate = true)
        {
            Assert.Equal(HttpStatusCode.OK, (await Approve(app, model.ModelVersion, "lifecycle test", force: true, ct)).StatusCode);
            HttpResponseMessage published = await app.Admin.PostAsJsonAsync("/api/admin/model/publish", new { modelVersion = model.ModelVersion }, ct);
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);
            string job = (await published.Content.ReadFromJsonAsync<JsonObject>(ct))!["rerate"]!["job"]!["id"]!.GetValue<string>();
            return waitForRerate ? await RatingsAfterAsync(job, model.ModelVersion, ct) : [];
        }

        /// <summary>Waits for a re-rate job and returns every song's ratings, checking they came from <paramref name="version"/>.</summary>
        public async Task<Dictionary<string, Ratings>> RatingsAfterAsync(string jobId, string version, CancellationToken ct)
        {
            JobRecord done = await app.WaitForEndAsync(jobId, Long);
            Assert.True(done.Status == JobStatus.Completed, done.Metadata.Error);
            List<ClassificationRecord> rows = await app.Services.GetRequiredService<IClassificationStore>().ListAsync(ct).ToListAsync(ct);
            Assert.Equal(songs.Count, rows.Count);
            Assert.All(rows, r => Assert.Equal(("model", version), (r.RatingSource, r.ModelVersion)));
            return rows.ToDictionary(r => r.Key, r => r.Ratings!);
        }
    }
}
