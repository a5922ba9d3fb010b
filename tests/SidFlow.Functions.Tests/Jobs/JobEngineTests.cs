using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SidFlow.Core.Jobs;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Functions.Tests.Jobs;

/// <summary>The engine end to end against Azurite, with the app's own wiring and a test-only job type.</summary>
public sealed class JobEngineTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Run_NoopJob_CompletesEveryItemOnce()
    {
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { Configuration = AppOptions.FastJobs() });

        JobRecord job = await app.Jobs.SubmitAsync("noop", new JsonObject { ["items"] = 200 }, JobPriority.High, "test", CancellationToken.None);
        JobRecord done = await app.WaitForEndAsync(job.Id, Long);

        Assert.Equal(JobStatus.Completed, done.Status);
        JobCounters counters = await Ledger(app).GetCountersAsync(job.Id, CancellationToken.None);
        Assert.Equal(new JobCounters(200, 0, 200, 0, counters.LastItem), counters);
        Assert.Equal(200, done.Metadata.Progress.Current);
        Assert.Equal(100.0, done.Metadata.Progress.PercentComplete);
        Assert.NotNull(done.StartedAt);
        Assert.True(done.CompletedAt >= done.StartedAt);
        Assert.Matches(@"^noop-\d{8}-\d{6}(-\d+)?$", done.Id);
    }

    [Fact]
    public async Task Run_TwoInstancesOnOneStorage_CountEachOfFiveHundredItemsOnce()
    {
        string prefix = azurite.NewPrefix();
        var recording = new RecordingJobType();
        var options = new AppOptions
        {
            Prefix = prefix,
            Configuration = AppOptions.FastJobs(),
            ConfigureServices = s => s.AddSingleton<JobType>(recording),
        };
        await using RunningApp first = await RunningApp.StartAsync(azurite, options);
        await using RunningApp second = await RunningApp.StartAsync(azurite, options);

        JobRecord job = await first.Jobs.SubmitAsync("recording", new JsonObject { ["items"] = 500, ["delayMs"] = 5 }, JobPriority.High, "test", CancellationToken.None);
        JobRecord done = await second.WaitForEndAsync(job.Id, Long);

        Assert.Equal(JobStatus.Completed, done.Status);
        JobCounters counters = await Ledger(first).GetCountersAsync(job.Id, CancellationToken.None);
        Assert.Equal(500, counters.Total);
        Assert.Equal(500, counters.Done);
        Assert.Equal(0, counters.Failed);
        Assert.Equal(500, recording.Finishes.Select(f => f.Key).Distinct().Count());
        ItemPage items = await Ledger(first).ListItemsAsync(job.Id, null, null, 1000, CancellationToken.None);
        Assert.Equal(500, items.Items.Count);
        Assert.All(items.Items, i => Assert.Equal(JobItemStatus.Done, i.Status));
    }

    [Fact]
    public async Task Run_ItemAlwaysThrows_FailsAfterRetryBudgetThenRetryWithFixedConfigCompletes()
    {
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { Configuration = AppOptions.FastJobs() });
        string bad = NoopJobType.KeyOf(7);

        JobRecord job = await app.Jobs.SubmitAsync("noop", new JsonObject { ["items"] = 30, ["failKeys"] = new JsonArray(bad) }, JobPriority.High, "test", CancellationToken.None);
        JobRecord failed = await app.WaitForEndAsync(job.Id, Long);

        Assert.Equal(JobStatus.Failed, failed.Status);
        Assert.Contains(bad, failed.Metadata.Error, StringComparison.Ordinal);
        Assert.Contains("configured to fail", failed.Metadata.Error, StringComparison.Ordinal);
        Assert.StartsWith("1 of 30 items failed", failed.Metadata.Error, StringComparison.Ordinal);
        JobCounters counters = await Ledger(app).GetCountersAsync(job.Id, CancellationToken.None);
        Assert.Equal((29L, 1L), (counters.Done, counters.Failed));
        JobItem item = Assert.Single((await Ledger(app).ListItemsAsync(job.Id, JobItemStatus.Failed, null, 10, CancellationToken.None)).Items);
        Assert.Equal(bad, item.Key);
        Assert.Equal(3, item.Attempts);
        Assert.Equal($"configured to fail: {bad}", item.LastError);
        long poisoned = (await app.Storage.Queue(app.Storage.Names.WorkQueue(JobPriority.High) + "-poison").GetPropertiesAsync(TestContext.Current.CancellationToken)).Value.ApproximateMessagesCountLong;
        Assert.Equal(1, poisoned);

        await app.Jobs.RetryAsync(job.Id, new JsonObject { ["failKeys"] = new JsonArray() }, CancellationToken.None);
        JobRecord retried = await app.WaitForEndAsync(job.Id, Long);

        Assert.Equal(JobStatus.Completed, retried.Status);
        Assert.Null(retried.Metadata.Error);
        counters = await Ledger(app).GetCountersAsync(job.Id, CancellationToken.None);
        Assert.Equal((30L, 0L), (counters.Done, counters.Failed));
    }

    [Fact]
    public async Task Pause_RunningJob_NoItemStartsAfterPauseAndResumeCompletes()
    {
        var recording = new RecordingJobType();
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions
        {
            Configuration = AppOptions.FastJobs(),
            ConfigureServices = s => s.AddSingleton<JobType>(recording),
        });

        JobRecord job = await app.Jobs.SubmitAsync("recording", new JsonObject { ["items"] = 60, ["delayMs"] = 250, ["parallel"] = 4 }, JobPriority.High, "test", CancellationToken.None);
        await app.WaitForJobAsync(job.Id, j => j.Metadata.Progress.Current >= 8, Long);

        JobRecord paused = await app.Jobs.PauseAsync(job.Id, CancellationToken.None);
        DateTimeOffset pausedAt = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);

        Assert.Equal(JobStatus.Paused, paused.Status);
        Assert.DoesNotContain(recording.Starts, s => s.At > pausedAt);
        Assert.Equal(recording.Starts.Select(s => s.Key).Order(), recording.Finishes.Select(f => f.Key).Order());
        Assert.True(recording.Finishes.Count < 60);
        Assert.Equal(JobStatus.Paused, (await app.Jobs.GetAsync(job.Id, CancellationToken.None))!.Status);

        await app.Jobs.ResumeAsync(job.Id, CancellationToken.None);
        JobRecord done = await app.WaitForEndAsync(job.Id, Long);

        Assert.Equal(JobStatus.Completed, done.Status);
        Assert.Equal(60, recording.Finishes.Select(f => f.Key).Distinct().Count());
        Assert.Equal(60, (await Ledger(app).GetCountersAsync(job.Id, CancellationToken.None)).Done);
    }

    [Fact]
    public async Task Cancel_RunningJob_NoItemStartsAfterwardsAndTempBlobsAreGone()
    {
        var recording = new RecordingJobType();
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions
        {
            Configuration = AppOptions.FastJobs(),
            ConfigureServices = s => s.AddSingleton<JobType>(recording),
        });
        IJobTempStore temp = app.Services.GetRequiredService<IJobTempStore>();

        JobRecord job = await app.Jobs.SubmitAsync("recording", new JsonObject { ["items"] = 60, ["delayMs"] = 250, ["parallel"] = 4, ["tempBlobs"] = true }, JobPriority.High, "test", CancellationToken.None);
        await app.WaitForJobAsync(job.Id, j => j.Metadata.Progress.Current >= 5, Long);
        Assert.NotEmpty(await temp.ListAsync(job.Id, CancellationToken.None));

        JobRecord cancelled = await app.Jobs.CancelAsync(job.Id, CancellationToken.None);
        DateTimeOffset cancelledAt = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);

        Assert.Equal(JobStatus.Cancelled, cancelled.Status);
        Assert.NotNull(cancelled.CompletedAt);
        Assert.DoesNotContain(recording.Starts, s => s.At > cancelledAt);
        // Items that were running when the cancel came may still have written theirs; the cancel removed the rest.
        int leftover = (await temp.ListAsync(job.Id, CancellationToken.None)).Count;
        Assert.True(leftover <= recording.Starts.Count(s => !recording.Finishes.Any(f => f.Key == s.Key && f.At < cancelledAt)));
        Assert.Equal(JobStatus.Cancelled, (await app.Jobs.GetAsync(job.Id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Priority_OneSlot_CriticalJobSubmittedAfterLowJobRunsFirst()
    {
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions
        {
            Configuration = AppOptions.FastJobs(new Dictionary<string, string?> { ["jobs:MaxConcurrent"] = "1" }),
        });

        JobRecord blocker = await app.Jobs.SubmitAsync("noop", new JsonObject { ["items"] = 4, ["delayMs"] = 400 }, JobPriority.Normal, "test", CancellationToken.None);
        await app.WaitForJobAsync(blocker.Id, j => j.Status == JobStatus.Running, Long);
        JobRecord low = await app.Jobs.SubmitAsync("noop", new JsonObject { ["items"] = 5 }, JobPriority.Low, "test", CancellationToken.None);
        JobRecord critical = await app.Jobs.SubmitAsync("noop", new JsonObject { ["items"] = 5 }, JobPriority.Critical, "test", CancellationToken.None);

        JobRecord lowDone = await app.WaitForEndAsync(low.Id, Long);
        JobRecord criticalDone = await app.WaitForEndAsync(critical.Id, Long);

        Assert.Equal(JobStatus.Completed, lowDone.Status);
        Assert.Equal(JobStatus.Completed, criticalDone.Status);
        Assert.True(criticalDone.StartedAt < lowDone.StartedAt, $"critical started {criticalDone.StartedAt}, low {lowDone.StartedAt}");
        Assert.True(criticalDone.CompletedAt <= lowDone.StartedAt, "with one slot the low job waits for the critical one");
    }

    [Fact]
    public async Task SetPriority_PendingJob_ChangesItsPlaceInLine()
    {
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions
        {
            Configuration = AppOptions.FastJobs(new Dictionary<string, string?> { ["jobs:MaxConcurrent"] = "1" }),
        });

        JobRecord blocker = await app.Jobs.SubmitAsync("noop", new JsonObject { ["items"] = 3, ["delayMs"] = 400 }, JobPriority.Normal, "test", CancellationToken.None);
        await app.WaitForJobAsync(blocker.Id, j => j.Status == JobStatus.Running, Long);
        JobRecord a = await app.Jobs.SubmitAsync("noop", new JsonObject { ["items"] = 2 }, JobPriority.Normal, "test", CancellationToken.None);
        JobRecord b = await app.Jobs.SubmitAsync("noop", new JsonObject { ["items"] = 2 }, JobPriority.Low, "test", CancellationToken.None);
        await app.Jobs.SetPriorityAsync(b.Id, JobPriority.Critical, CancellationToken.None);

        JobRecord aDone = await app.WaitForEndAsync(a.Id, Long);
        JobRecord bDone = await app.WaitForEndAsync(b.Id, Long);

        Assert.Equal(JobPriority.Critical, bDone.Priority);
        Assert.True(bDone.StartedAt < aDone.StartedAt);
    }

    [Fact]
    public async Task Pipeline_TwoStages_RunsThemInOrder()
    {
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { Configuration = AppOptions.FastJobs() });
        var config = new JsonObject
        {
            ["stages"] = new JsonArray(
                new JsonObject { ["type"] = "noop", ["config"] = new JsonObject { ["items"] = 5, ["delayMs"] = 50 } },
                new JsonObject { ["type"] = "noop", ["config"] = new JsonObject { ["items"] = 3 } }),
        };

        JobRecord pipeline = await app.Jobs.SubmitAsync("pipeline", config, JobPriority.High, "test", CancellationToken.None);
        JobRecord done = await app.WaitForEndAsync(pipeline.Id, Long);

        Assert.Equal(JobStatus.Completed, done.Status);
        JobRecord[] stages = (await app.Jobs.ListAsync(null, "noop", false, CancellationToken.None)).Where(j => j.ParentId == pipeline.Id).OrderBy(j => j.CreatedAt).ToArray();
        Assert.Equal(2, stages.Length);
        Assert.All(stages, s => Assert.Equal(JobStatus.Completed, s.Status));
        Assert.True(stages[0].CompletedAt <= stages[1].StartedAt);
        Assert.Equal(5, stages[0].Metadata.Progress.Total);
        Assert.Equal(3, stages[1].Metadata.Progress.Total);
    }

    [Fact]
    public async Task Submit_TwoJobsInOneSecond_GetDistinctIds()
    {
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { RunJobEngine = false });

        JobRecord[] jobs = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => app.Jobs.SubmitAsync("noop", null, null, "test", CancellationToken.None)));

        Assert.Equal(5, jobs.Select(j => j.Id).Distinct().Count());
    }

    private static IJobItemLedger Ledger(RunningApp app) => app.Services.GetRequiredService<IJobItemLedger>();
}
