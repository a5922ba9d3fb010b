using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SidFlow.Core.Jobs;
using SidFlow.Pipeline.Jobs;
using SidFlow.Pipeline.Orchestration;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Pipeline.Tests.Orchestration;

/// <summary>Jobs as orchestrations end to end: the app's own wiring, the Durable Task Framework over Azurite, test-only job types.</summary>
public sealed partial class JobOrchestratorTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task Run_NoopJob_RunsEveryItemAndCountsEachOnce()
    {
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { Configuration = AppOptions.FastJobs() });

        JobRecord job = await app.Jobs.SubmitAsync("noop", new JsonObject { ["items"] = 200, ["logItems"] = true }, JobPriority.High, "test", CancellationToken.None);
        JobRecord done = await app.WaitForEndAsync(job.Id, Long);

        Assert.Equal(JobStatus.Completed, done.Status);
        Assert.Equal((200L, 200L, 100.0), (done.Metadata.Progress.Current, done.Metadata.Progress.Total, done.Metadata.Progress.PercentComplete));
        Assert.Null(done.Metadata.Progress.FailedItems);
        Assert.Equal(OrchestrationNames.InstanceId(job.Id, 1), done.InstanceId);
        // The row ends in the run's last activity; the instance completes right after it.
        await Eventually.HoldsAsync(() => app.OrchestrationAsync(done.InstanceId!), o => o?.Status == OrchestrationRuntimeStatus.Completed, Long, "the instance completing");
        HashSet<string> ran = RanKeys(await app.ReadLogAsync(job.Id)).ToHashSet();
        Assert.Equal(Enumerable.Range(1, 200).Select(NoopJobType.KeyOf).ToHashSet(), ran);
        Assert.True(done.CompletedAt >= done.StartedAt);
    }

    [Fact]
    public async Task Run_ManyExecutions_ContinuesAsNewAndStillCountsEveryItemOnce()
    {
        // Four activities per execution: 600 items in batches of 8 take 19 executions of the orchestration.
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions
        {
            Configuration = AppOptions.FastJobs(new Dictionary<string, string?> { ["jobs:ActivitiesPerExecution"] = "4", ["jobs:ItemsPerActivity"] = "8" }),
        });

        JobRecord job = await app.Jobs.SubmitAsync("noop", new JsonObject { ["items"] = 600, ["logItems"] = true }, JobPriority.High, "test", CancellationToken.None);
        JobRecord done = await app.WaitForEndAsync(job.Id, Long);

        Assert.Equal(JobStatus.Completed, done.Status);
        Assert.Equal((600L, 600L), (done.Metadata.Progress.Current, done.Metadata.Progress.Total));
        Assert.Equal(600, RanKeys(await app.ReadLogAsync(job.Id)).Distinct().Count());
    }

    [Fact]
    public async Task Run_ItemAlwaysFails_FailsAfterMaxAttemptsWithItsErrorAndEveryOtherItemDone()
    {
        var recording = new RecordingJobType();
        await using RunningApp app = await StartWithAsync(recording);
        string bad = RecordingJobType.KeyOf(7);

        JobRecord job = await app.Jobs.SubmitAsync("recording", new JsonObject { ["items"] = 30, ["delayMs"] = 5, ["failKeys"] = new JsonArray(bad) }, JobPriority.High, "test", CancellationToken.None);
        JobRecord failed = await app.WaitForEndAsync(job.Id, Long);

        Assert.Equal(JobStatus.Failed, failed.Status);
        Assert.StartsWith("1 of 30 items failed", failed.Metadata.Error, StringComparison.Ordinal);
        Assert.Contains($"{bad}: configured to fail: {bad}", failed.Metadata.Error, StringComparison.Ordinal);
        Assert.Equal((30L, 1L), (failed.Metadata.Progress.Current, failed.Metadata.Progress.FailedItems ?? 0));
        Assert.Equal([1, 2, 3], recording.Starts.Where(s => s.Key == bad).Select(s => s.Attempt).Order());
        Assert.Equal(29, recording.Finishes.Select(f => f.Key).Distinct().Count());
        Assert.DoesNotContain(recording.Finishes, f => f.Key == bad);
    }

    [Fact]
    public async Task Retry_WithChangedConfig_RerunsOnlyTheFailedItemsWithTheNewConfig()
    {
        var recording = new RecordingJobType();
        await using RunningApp app = await StartWithAsync(recording);
        string bad = RecordingJobType.KeyOf(3), worse = RecordingJobType.KeyOf(11);
        JobRecord job = await app.Jobs.SubmitAsync("recording", new JsonObject { ["items"] = 20, ["delayMs"] = 5, ["failKeys"] = new JsonArray(bad, worse) }, JobPriority.High, "test", CancellationToken.None);
        Assert.Equal(JobStatus.Failed, (await app.WaitForEndAsync(job.Id, Long)).Status);
        int startsBefore = recording.Starts.Count;

        await app.Jobs.RetryAsync(job.Id, new JsonObject { ["failKeys"] = new JsonArray() }, CancellationToken.None);
        JobRecord retried = await app.WaitForJobAsync(job.Id, j => j.Status.IsTerminal() && j.Orchestration.Run == 2, Long);

        Assert.Equal(JobStatus.Completed, retried.Status);
        Assert.Null(retried.Metadata.Error);
        Assert.Equal((20L, 20L), (retried.Metadata.Progress.Current, retried.Metadata.Progress.Total));
        ItemRun[] rerun = recording.Starts.Skip(startsBefore).ToArray();
        Assert.Equal([bad, worse], rerun.Select(r => r.Key).Order(StringComparer.Ordinal));
        Assert.All(rerun, r => Assert.Contains("\"failKeys\":[]", r.Config, StringComparison.Ordinal));
        Assert.Equal(OrchestrationNames.InstanceId(job.Id, 2), retried.InstanceId);
    }

    [Fact]
    public async Task Pause_RunningJob_NoItemStartsWhileSuspendedAndResumeCompletes()
    {
        var recording = new RecordingJobType();
        await using RunningApp app = await StartWithAsync(recording);

        JobRecord job = await app.Jobs.SubmitAsync("recording", new JsonObject { ["items"] = 60, ["delayMs"] = 250, ["parallel"] = 4, ["perActivity"] = 4 }, JobPriority.High, "test", CancellationToken.None);
        await app.WaitForJobAsync(job.Id, j => j.Metadata.Progress.Current >= 8, Long);

        JobRecord paused = await app.Jobs.PauseAsync(job.Id, CancellationToken.None);
        DateTimeOffset pausedAt = DateTimeOffset.UtcNow;
        await Eventually.HoldsAsync(() => app.OrchestrationAsync(paused.InstanceId!), o => o?.Status == OrchestrationRuntimeStatus.Suspended, Long, "the instance suspending");
        await Eventually.HoldsAsync(() => recording.Finishes.Count == recording.Starts.Count, Long, "the running items finishing");
        // Watch a while longer: the assertion is that nothing starts during it.
        int finishedWhilePaused = recording.Finishes.Count;
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);

        Assert.Equal(JobStatus.Paused, paused.Status);
        Assert.DoesNotContain(recording.Starts, s => s.At > pausedAt);
        Assert.Equal(finishedWhilePaused, recording.Finishes.Count);
        Assert.True(finishedWhilePaused < 60);
        Assert.Equal(JobStatus.Paused, (await app.Jobs.GetAsync(job.Id, CancellationToken.None))!.Status);

        await app.Jobs.ResumeAsync(job.Id, CancellationToken.None);
        JobRecord done = await app.WaitForEndAsync(job.Id, Long);

        Assert.Equal(JobStatus.Completed, done.Status);
        Assert.Equal(60, recording.Finishes.Select(f => f.Key).Distinct().Count());
        Assert.Equal(60, done.Metadata.Progress.Current);
    }

    [Fact]
    public async Task Cancel_RunningJob_NoItemStartsAfterwardsAndTempBlobsAreGone()
    {
        var recording = new RecordingJobType();
        await using RunningApp app = await StartWithAsync(recording);
        IJobTempStore temp = app.Services.GetRequiredService<IJobTempStore>();

        JobRecord job = await app.Jobs.SubmitAsync("recording", new JsonObject { ["items"] = 60, ["delayMs"] = 250, ["parallel"] = 4, ["perActivity"] = 4, ["tempBlobs"] = true }, JobPriority.High, "test", CancellationToken.None);
        await app.WaitForJobAsync(job.Id, j => j.Metadata.Progress.Current >= 5, Long);
        Assert.NotEmpty(await temp.ListAsync(job.Id, CancellationToken.None));

        JobRecord cancelled = await app.Jobs.CancelAsync(job.Id, CancellationToken.None);
        DateTimeOffset cancelledAt = DateTimeOffset.UtcNow;

        Assert.Equal(JobStatus.Cancelled, cancelled.Status);
        Assert.NotNull(cancelled.CompletedAt);
        await Eventually.HoldsAsync(() => app.OrchestrationAsync(cancelled.InstanceId!), o => o?.Status == OrchestrationRuntimeStatus.Completed, Long, "the orchestration ending");
        Assert.Empty(await temp.ListAsync(job.Id, CancellationToken.None));
        Assert.DoesNotContain(recording.Starts, s => s.At > cancelledAt);
        Assert.True(recording.Finishes.Count < 60);
        JobRecord after = (await app.Jobs.GetAsync(job.Id, CancellationToken.None))!;
        Assert.Equal(JobStatus.Cancelled, after.Status);
        Assert.Contains("cancelled after", await app.ReadLogAsync(job.Id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admission_OneSlot_CriticalJobSubmittedAfterTwoNormalJobsRunsNext()
    {
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions
        {
            Configuration = AppOptions.FastJobs(new Dictionary<string, string?> { ["jobs:MaxConcurrent"] = "1" }),
        });

        JobRecord blocker = await app.Jobs.SubmitAsync("noop", new JsonObject { ["items"] = 4, ["delayMs"] = 1500 }, JobPriority.Normal, "test", CancellationToken.None);
        await app.WaitForJobAsync(blocker.Id, j => j.Status == JobStatus.Running, Long);
        JobRecord first = await app.Jobs.SubmitAsync("noop", new JsonObject { ["items"] = 5 }, JobPriority.Normal, "test", CancellationToken.None);
        JobRecord second = await app.Jobs.SubmitAsync("noop", new JsonObject { ["items"] = 5 }, JobPriority.Normal, "test", CancellationToken.None);
        JobRecord critical = await app.Jobs.SubmitAsync("noop", new JsonObject { ["items"] = 5 }, JobPriority.Critical, "test", CancellationToken.None);

        Assert.Equal(JobStatus.Pending, critical.Status);
        JobRecord[] done = await Task.WhenAll(new[] { blocker, first, second, critical }.Select(j => app.WaitForEndAsync(j.Id, Long)));

        Assert.All(done, j => Assert.Equal(JobStatus.Completed, j.Status));
        JobRecord blockerDone = done[0], firstDone = done[1], secondDone = done[2], criticalDone = done[3];
        Assert.True(criticalDone.StartedAt >= blockerDone.CompletedAt, "one slot: the critical job waits for the running one");
        Assert.True(criticalDone.CompletedAt <= firstDone.StartedAt, $"critical ended {criticalDone.CompletedAt}, the first normal one started {firstDone.StartedAt}");
        Assert.True(firstDone.CompletedAt <= secondDone.StartedAt, "equal priority: oldest first");
    }

    [Fact]
    public async Task SetPriority_PendingJob_ChangesItsPlaceInLine()
    {
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions
        {
            Configuration = AppOptions.FastJobs(new Dictionary<string, string?> { ["jobs:MaxConcurrent"] = "1" }),
        });

        JobRecord blocker = await app.Jobs.SubmitAsync("noop", new JsonObject { ["items"] = 3, ["delayMs"] = 1500 }, JobPriority.Normal, "test", CancellationToken.None);
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
    public async Task Pipeline_TwoStages_RunsThemInOrderAsJobsOfTheirOwn()
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
        Assert.Equal((2L, 2L), (done.Metadata.Progress.Current, done.Metadata.Progress.Total));
        JobRecord[] stages = (await app.Jobs.ListAsync(null, "noop", false, CancellationToken.None)).Where(j => j.ParentId == pipeline.Id).OrderBy(j => j.Id, StringComparer.Ordinal).ToArray();
        Assert.Equal([$"{pipeline.Id}-s1", $"{pipeline.Id}-s2"], stages.Select(s => s.Id));
        Assert.All(stages, s => Assert.Equal(JobStatus.Completed, s.Status));
        Assert.True(stages[0].CompletedAt <= stages[1].StartedAt);
        Assert.Equal((5L, 3L), (stages[0].Metadata.Progress.Total, stages[1].Metadata.Progress.Total));
        await Eventually.HoldsAsync(() => app.OrchestrationAsync(stages[1].InstanceId!), o => o?.Status == OrchestrationRuntimeStatus.Completed, Long, "the stage's instance completing");
    }

    [Fact]
    public async Task Pipeline_StageFails_PipelineFailsNamingItAndRetryResumesAtThatStage()
    {
        var recording = new RecordingJobType();
        await using RunningApp app = await StartWithAsync(recording);
        var config = new JsonObject
        {
            ["stages"] = new JsonArray(
                new JsonObject { ["type"] = "noop", ["config"] = new JsonObject { ["items"] = 3, ["logItems"] = true } },
                new JsonObject { ["type"] = "recording", ["config"] = new JsonObject { ["items"] = 4, ["delayMs"] = 5, ["failKeys"] = new JsonArray(RecordingJobType.KeyOf(2)) } }),
        };

        JobRecord pipeline = await app.Jobs.SubmitAsync("pipeline", config, JobPriority.High, "test", CancellationToken.None);
        JobRecord failed = await app.WaitForEndAsync(pipeline.Id, Long);
        Assert.Equal(JobStatus.Failed, failed.Status);
        Assert.Contains($"stage 2/2 (recording, {pipeline.Id}-s2) ended failed", failed.Metadata.Error, StringComparison.Ordinal);

        // The second stage's item keeps failing, so the retry fails again, but only that stage ran.
        await app.Jobs.RetryAsync(pipeline.Id, null, CancellationToken.None);
        JobRecord again = await app.WaitForJobAsync(pipeline.Id, j => j.Status.IsTerminal() && j.Orchestration.Run == 2, Long);

        Assert.Equal(JobStatus.Failed, again.Status);
        Assert.Equal(3, RanKeys(await app.ReadLogAsync($"{pipeline.Id}-s1")).Count());
        Assert.Equal(2, (await app.Jobs.GetAsync($"{pipeline.Id}-s2", CancellationToken.None))!.Orchestration.Run);
    }

    [Fact]
    public async Task Submit_TwoJobsInOneSecond_GetDistinctIds()
    {
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { RunJobEngine = false });

        JobRecord[] jobs = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => app.Jobs.SubmitAsync("noop", null, null, "test", CancellationToken.None)));

        Assert.Equal(5, jobs.Select(j => j.Id).Distinct().Count());
        Assert.All(jobs, j => Assert.Matches(@"^noop-\d{8}-\d{6}(-\d+)?$", j.Id));
    }

    private Task<RunningApp> StartWithAsync(RecordingJobType recording) =>
        RunningApp.StartAsync(azurite, new AppOptions
        {
            Configuration = AppOptions.FastJobs(),
            ConfigureServices = s => s.AddSingleton<JobType>(recording),
        });

    /// <summary>The keys of the "ran KEY attempt N" lines a noop job with <c>logItems</c> writes.</summary>
    internal static IEnumerable<string> RanKeys(string log) => RanLine().Matches(log).Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"\[info\] ran (item-\d+) attempt")]
    private static partial Regex RanLine();
}
