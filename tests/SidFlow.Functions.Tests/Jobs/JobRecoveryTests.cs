using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SidFlow.Core.Jobs;
using SidFlow.Storage.Emulator;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Functions.Tests.Jobs;

/// <summary>Nothing is lost or counted twice when the app is killed or storage goes away mid-job.</summary>
public sealed class JobRecoveryTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task Crash_AppKilledMidJob_RestartCompletesEveryItemExactlyOnce()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string prefix = azurite.NewPrefix();
        IDictionary<string, string?> config = AppOptions.FastJobs();
        // This process only submits and observes: it runs no engine of its own.
        await using RunningApp observer = await RunningApp.StartAsync(azurite, new AppOptions { Prefix = prefix, RunJobEngine = false });
        IJobItemLedger ledger = observer.Services.GetRequiredService<IJobItemLedger>();

        await using (AppProcess first = await AppProcess.StartAsync(azurite.ConnectionString, prefix, config))
        {
            JobRecord job = await observer.Jobs.SubmitAsync("noop", new JsonObject { ["items"] = 400, ["delayMs"] = 40 }, JobPriority.High, "test", ct);
            await WaitForCountersAsync(ledger, job.Id, c => c.Terminal >= 80, ct);
            await first.KillAsync();
            JobCounters atKill = await ledger.GetCountersAsync(job.Id, ct);
            output.WriteLine($"killed at {atKill.Terminal}/{atKill.Total} (running {atKill.Running})");
            Assert.True(atKill.Terminal < 400, "the kill must come mid-job");

            await using AppProcess second = await AppProcess.StartAsync(azurite.ConnectionString, prefix, config);
            JobRecord done = await observer.WaitForEndAsync(job.Id, Long);

            Assert.Equal(JobStatus.Completed, done.Status);
            JobCounters counters = await ledger.GetCountersAsync(job.Id, ct);
            Assert.Equal((400L, 400L, 0L, 0L), (counters.Total, counters.Done, counters.Failed, counters.Running));
            ItemPage items = await ledger.ListItemsAsync(job.Id, null, null, 1000, ct);
            Assert.Equal(400, items.Items.Count);
            Assert.All(items.Items, i => Assert.Equal(JobItemStatus.Done, i.Status));
            Assert.Equal(400, done.Metadata.Progress.Current);
        }
    }

    [Fact]
    public async Task Outage_AzuriteStoppedAndRestartedMidJob_JobStillCompletes()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        // Its own Azurite: stopping the shared one would break the tests running beside this one.
        using var data = new TempDirectory("sidflow-outage-");
        await using AzuriteProcess own = await AzuriteProcess.StartAsync(new AzuriteOptions { Location = data.Path }, NullLogger.Instance, ct);
        var storage = new SidFlow.Storage.StorageOptions { ConnectionString = own.ConnectionString, Prefix = "outage", MaxRetries = 1, NetworkTimeout = TimeSpan.FromSeconds(5) };
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { Storage = storage, Prefix = "outage", Configuration = AppOptions.FastJobs() });
        IJobItemLedger ledger = app.Services.GetRequiredService<IJobItemLedger>();

        JobRecord job = await app.Jobs.SubmitAsync("noop", new JsonObject { ["items"] = 300, ["delayMs"] = 20 }, JobPriority.High, "test", ct);
        await WaitForCountersAsync(ledger, job.Id, c => c.Terminal >= 40, ct);
        await own.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(4), ct);
        await own.RestartAsync(ct);
        output.WriteLine("Azurite back after 4 s");

        JobRecord done = await app.WaitForEndAsync(job.Id, Long);

        Assert.Equal(JobStatus.Completed, done.Status);
        JobCounters counters = await ledger.GetCountersAsync(job.Id, ct);
        Assert.Equal((300L, 300L, 0L), (counters.Total, counters.Done, counters.Failed));
    }

    private static async Task WaitForCountersAsync(IJobItemLedger ledger, string jobId, Func<JobCounters, bool> condition, CancellationToken ct)
    {
        DateTime deadline = DateTime.UtcNow + Long;
        while (DateTime.UtcNow < deadline)
        {
            if (condition(await ledger.GetCountersAsync(jobId, ct)))
            {
                return;
            }

            await Task.Delay(50, ct);
        }

        throw new TimeoutException("counters did not reach the expected state");
    }
}
