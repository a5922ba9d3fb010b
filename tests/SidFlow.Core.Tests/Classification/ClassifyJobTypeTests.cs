using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SidFlow.Core.Classification;
using SidFlow.Core.Jobs;
using SidFlow.Core.Render;
using SidFlow.Emulation.Sid;
using SidFlow.Local.Hosting;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Core.Tests.Classification;

public sealed class ClassifyJobTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(300);

    /// <summary>A short analysis window keeps the real pipeline (sidplayfp, features, storage) quick in tests.</summary>
    private static IDictionary<string, string?> Config => AppOptions.FastJobs(new Dictionary<string, string?>
    {
        ["classify:skipSeconds"] = "1",
        ["classify:windowSeconds"] = "2",
    });

    [Fact]
    public async Task Classify_FiftySongs_RatesEveryOneAndRerunRecomputesNothing()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { Configuration = Config });
        await SampleImport.ImportAsync(app, SampleImport.SingleSongFiles(50), ct);

        JobRecord job = await app.Jobs.SubmitAsync("classify", new JsonObject { ["threads"] = 2 }, JobPriority.High, "test", ct);
        JobRecord done = await app.WaitForEndAsync(job.Id, Long);

        Assert.True(done.Status == JobStatus.Completed, done.Metadata.Error);
        IClassificationStore store = app.Services.GetRequiredService<IClassificationStore>();
        List<ClassificationRecord> rows = await store.ListAsync(ct).ToListAsync(ct);
        Assert.Equal(50, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.NotNull(r.Ratings);
            Assert.True(r.Ratings!.InRange, $"{r.Key}: {r.Ratings}");
            Assert.Equal((RatingHeuristic.Source, RatingHeuristic.Version, FeatureSet.Version), (r.RatingSource, r.ModelVersion, r.FeatureSetVersion));
            // BASIC programs need a BASIC ROM the emulator does not have: sidplayfp stands in, and the row says so.
            string expectedRenderer = r.Path.Contains("_BASIC", StringComparison.Ordinal) ? "emu+sidplayfp" : EmuRenderEngine.EngineName;
            Assert.Equal(expectedRenderer, r.Renderer);
            Assert.Equal(expectedRenderer == EmuRenderEngine.EngineName, r.Features.ContainsKey("noteRate"));
            Assert.All(r.Features.Values, v => Assert.True(double.IsFinite(v)));
            // The rating model's schema is every feature a classification records, nothing else.
            Assert.Empty(r.Features.Keys.Except(FeatureSet.Names));
            if (expectedRenderer == EmuRenderEngine.EngineName)
            {
                Assert.Equal(FeatureSet.Names, r.Features.Keys.Order(StringComparer.Ordinal));
            }

            Assert.Equal((1.0, 2.0), (r.AnalysisOffset, r.AnalysisDuration));
        });
        Assert.True(rows.Select(r => r.Ratings!.E).Distinct().Count() > 10, "energy should vary across songs");
        FeatureStats stats = (await app.Services.GetRequiredService<IFeatureStatsStore>().ReadAsync(ct))!;
        Assert.Equal(50, stats.Count);
        Assert.Equal(50, app.Services.GetRequiredService<ISimilarityIndexSource>().Current.Songs.Count);

        JobRecord again = await app.WaitForEndAsync((await app.Jobs.SubmitAsync("classify", null, JobPriority.High, "test", ct)).Id, Long);

        Assert.Equal(JobStatus.Completed, again.Status);
        Assert.Equal(0, again.Metadata.Progress.Total);
        List<ClassificationRecord> after = await store.ListAsync(ct).ToListAsync(ct);
        Assert.Equal(rows.ToDictionary(r => r.Key, r => r.ClassifiedAt), after.ToDictionary(r => r.Key, r => r.ClassifiedAt));
        JsonObject metrics = (await app.Admin.GetFromJsonAsync<JsonObject>("/api/admin/metrics", ct))!;
        Assert.Equal(50, metrics["cache"]!["classified"]!.GetValue<long>());
    }

    [Fact]
    public async Task Classify_WorkerKilledHalfWay_RestartFinishesWithoutRedoingDoneSongs()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string prefix = azurite.NewPrefix();
        await using RunningApp observer = await RunningApp.StartAsync(azurite, new AppOptions { Prefix = prefix, RunJobEngine = false, Configuration = Config });
        await SampleImport.ImportAsync(observer, SampleImport.SingleSongFiles(24, skip: 60), ct);
        IClassificationStore store = observer.Services.GetRequiredService<IClassificationStore>();
        JobRecord job;
        Dictionary<string, DateTimeOffset> doneBeforeKill;
        await using (ServeProcess first = await ServeProcess.StartAsync(azurite.ConnectionString, prefix, RunningApp.Token, Config))
        {
            job = await observer.Jobs.SubmitAsync("classify", new JsonObject { ["threads"] = 2 }, JobPriority.High, "test", ct);
            DateTime deadline = DateTime.UtcNow + Long;
            while (await store.CountAsync(ct) < 8 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, ct);
            }

            await first.KillAsync();
            doneBeforeKill = (await store.ListAsync(ct).ToListAsync(ct)).ToDictionary(r => r.Key, r => r.ClassifiedAt);
        }

        output.WriteLine($"{doneBeforeKill.Count} songs classified when the worker was killed");
        Assert.InRange(doneBeforeKill.Count, 8, 23);
        await using ServeProcess second = await ServeProcess.StartAsync(azurite.ConnectionString, prefix, RunningApp.Token, Config);
        JobRecord done = await observer.WaitForEndAsync(job.Id, Long);

        Assert.True(done.Status == JobStatus.Completed, done.Metadata.Error);
        Dictionary<string, DateTimeOffset> all = (await store.ListAsync(ct).ToListAsync(ct)).ToDictionary(r => r.Key, r => r.ClassifiedAt);
        Assert.Equal(24, all.Count);
        Assert.All(doneBeforeKill, kv => Assert.Equal(kv.Value, all[kv.Key]));
    }

    [Fact]
    public async Task Similar_SameSidUnderTwoPaths_AreEachOthersNearestNeighbours()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { Configuration = Config });
        string[] files = SampleImport.SingleSongFiles(12, skip: 120);
        byte[] twin = File.ReadAllBytes(files[0]);
        await SampleImport.ImportAsync(app, files, ct, ("MUSICIANS/T/Twins/Copy_A.sid", twin), ("GAMES/S-Z/Copy_B.sid", twin));
        await app.WaitForEndAsync((await app.Jobs.SubmitAsync("classify", null, JobPriority.High, "test", ct)).Id, Long);

        JsonArray a = (await app.Client.GetFromJsonAsync<JsonArray>("/api/similar?sidPath=MUSICIANS/T/Twins/Copy_A.sid&limit=5", ct))!;
        JsonArray b = (await app.Client.GetFromJsonAsync<JsonArray>("/api/similar?sidPath=GAMES/S-Z/Copy_B.sid&subtune=1&limit=5", ct))!;
        string original = RepositoryPaths.HvscPathOf(files[0]);

        // The original file is a third identical song; the copies must come before every other song.
        string[] nearestA = a.Take(2).Select(x => x!["sidPath"]!.GetValue<string>()).ToArray();
        string[] nearestB = b.Take(2).Select(x => x!["sidPath"]!.GetValue<string>()).ToArray();
        Assert.Contains("GAMES/S-Z/Copy_B.sid", nearestA);
        Assert.Contains("MUSICIANS/T/Twins/Copy_A.sid", nearestB);
        Assert.Equal(1.0, a[0]!["similarity"]!.GetValue<double>(), 6);
        Assert.DoesNotContain("MUSICIANS/T/Twins/Copy_A.sid", a.Select(x => x!["sidPath"]!.GetValue<string>()));
        Assert.All(nearestA, p => Assert.Contains(p, new[] { "GAMES/S-Z/Copy_B.sid", original }));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/api/similar?sidPath=MUSICIANS/N/None.sid", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Client.GetAsync("/api/similar?sidPath=../x.sid", ct)).StatusCode);
    }

    [Fact]
    public async Task Classify_SidThePlayerRefuses_FailsThatItemWithTheReasonAndFinishesTheOthers()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { Configuration = Config });
        // Bit 0 of the flags: Compute!'s Sidplayer MUS data, which needs a player that is not in the file.
        byte[] mus = new PsidBuilder { Flags = 0x15, Name = "MUS data" }.Build();
        await SampleImport.ImportAsync(app, SampleImport.SingleSongFiles(4, skip: 200), ct, ("MUSICIANS/M/Mus/Needs_A_Player.sid", mus));

        JobRecord done = await app.WaitForEndAsync((await app.Jobs.SubmitAsync("classify", null, JobPriority.High, "test", ct)).Id, Long);

        Assert.Equal(JobStatus.Failed, done.Status);
        Assert.True(done.Metadata.Error!.StartsWith("1 of 5 items failed (MUSICIANS/M/Mus/Needs_A_Player.sid#1:", StringComparison.Ordinal), done.Metadata.Error);
        Assert.Contains("Sidplayer MUS data is not supported", done.Metadata.Error, StringComparison.Ordinal);
        Assert.Equal(4, await app.Services.GetRequiredService<IClassificationStore>().CountAsync(ct));
    }

    [Fact]
    public async Task Station_FromASeed_NeverRepeatsAndKeepsComposerRunsShort()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { Configuration = Config });
        string[] files = RepositoryPaths.AllSampleSids().Where(f => f.Contains("/MUSICIANS/H/", StringComparison.Ordinal) || f.Contains("/MUSICIANS/G/", StringComparison.Ordinal))
            .Where(f => SidFile.TryParse(File.ReadAllBytes(f), out SidFile? s, out _) && s!.Songs == 1 && s.SidChipCount == 1).Take(30).ToArray();
        await SampleImport.ImportAsync(app, files, ct);
        await app.WaitForEndAsync((await app.Jobs.SubmitAsync("classify", null, JobPriority.High, "test", ct)).Id, Long);
        string seed = RepositoryPaths.HvscPathOf(files[0]);

        JsonObject station = (await app.Client.GetFromJsonAsync<JsonObject>($"/api/station?seed={seed}%231&size=12", ct))!;
        JsonObject energetic = (await app.Client.GetFromJsonAsync<JsonObject>($"/api/station?seed={seed}&size=12&mood=energetic", ct))!;

        string[] keys = station["songs"]!.AsArray().Select(s => s!["sidPath"]!.GetValue<string>()).ToArray();
        Assert.Equal(seed, keys[0]);
        Assert.Equal(keys.Length, keys.Distinct().Count());
        Assert.True(keys.Length >= 4, $"only {keys.Length} songs");
        string?[] authors = station["songs"]!.AsArray().Select(s => s!["author"]?.GetValue<string>()).ToArray();
        for (int i = 3; i < authors.Length; i++)
        {
            Assert.False(authors[i] is not null && authors[i - 1] == authors[i] && authors[i - 2] == authors[i] && authors[i - 3] == authors[i], $"four in a row by {authors[i]}");
        }

        Assert.Equal("energetic", energetic["mood"]!.GetValue<string>());
        double seedEnergy = energetic["songs"]![0]!["ratings"]!["e"]!.GetValue<double>();
        Assert.All(energetic["songs"]!.AsArray().Skip(1), s => Assert.True(s!["ratings"]!["e"]!.GetValue<double>() >= Math.Min(3, seedEnergy) - 0.25));
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Client.GetAsync($"/api/station?seed={seed}&mood=sleepy", ct)).StatusCode);
    }
}
