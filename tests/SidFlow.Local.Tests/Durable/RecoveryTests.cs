using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using SidFlow.Core.Jobs;
using SidFlow.Local.Hosting;
using SidFlow.Local.Storage;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Local.Tests.Durable;

/// <summary>
/// The local host's Durable worker when things go wrong: the process killed mid-job, storage gone for a while,
/// and two processes on one task hub. Nothing is lost and nothing is counted twice.
/// </summary>
public sealed partial class RecoveryTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(240);

    /// <summary>What the local host promises after a crash: queue visibility and partition leases are short enough for this.</summary>
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Crash_AppKilledMidJob_RestartCompletesWithinAMinuteCountingEveryItemOnce()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string prefix = azurite.NewPrefix();
        // Small batches in a small window, so the job lasts long enough to be killed in the middle.
        IDictionary<string, string?> config = AppOptions.FastJobs(new Dictionary<string, string?> { ["jobs:ItemsPerActivity"] = "4", ["jobs:DispatchWindow"] = "16" });
        // This process submits and observes: it runs no orchestrations or activities of its own.
        await using RunningApp observer = await RunningApp.StartAsync(azurite, new AppOptions { Prefix = prefix, RunJobEngine = false });

        await using ServeProcess first = await ServeProcess.StartAsync(azurite.ConnectionString, prefix, RunningApp.Token, config);
        JobRecord job = await observer.Jobs.SubmitAsync("noop", new JsonObject { ["items"] = 400, ["delayMs"] = 250, ["logItems"] = true }, JobPriority.High, "test", ct);
        JobRecord atKill = await observer.WaitForJobAsync(job.Id, j => j.Metadata.Progress.Current >= 40, Long);
        await first.KillAsync();
        output.WriteLine($"killed at {atKill.Metadata.Progress.Current}/{atKill.Metadata.Progress.Total}");
        Assert.True(atKill.Metadata.Progress.Current < 400, "the kill must come mid-job");

        await using ServeProcess second = await ServeProcess.StartAsync(azurite.ConnectionString, prefix, RunningApp.Token, config);
        DateTimeOffset restarted = DateTimeOffset.UtcNow;
        JobRecord done = await observer.WaitForEndAsync(job.Id, RecoveryBound);
        output.WriteLine($"completed {(DateTimeOffset.FromUnixTimeMilliseconds(done.CompletedAt!.Value) - restarted).TotalSeconds:0.0} s after the restart");

        Assert.Equal(JobStatus.Completed, done.Status);
        Assert.Equal((400L, 400L), (done.Metadata.Progress.Current, done.Metadata.Progress.Total));
        Assert.Null(done.Metadata.Progress.FailedItems);
        string[] ran = RanKeys(await observer.ReadLogAsync(job.Id)).ToArray();
        Assert.Equal(400, ran.Distinct().Count());
        output.WriteLine($"{ran.Length - 400} item runs repeated after the kill (at least once is the contract)");
    }

    [Fact]
    public async Task Outage_AzuriteStoppedForTenSecondsMidJob_JobStillCompletes()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        // Its own Azurite: stopping the shared one would break the tests running beside this one.
        using var data = new TempDirectory("sidflow-outage-");
        await using AzuriteProcess own = await AzuriteProcess.StartAsync(new AzuriteOptions { Location = data.Path }, NullLogger.Instance, ct);
        var storage = new SidFlow.Storage.StorageOptions { ConnectionString = own.ConnectionString, Prefix = "outage", MaxRetries = 1, NetworkTimeout = TimeSpan.FromSeconds(5) };
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { Storage = storage, Prefix = "outage", Configuration = AppOptions.FastJobs() });

        JobRecord job = await app.Jobs.SubmitAsync("noop", new JsonObject { ["items"] = 300, ["delayMs"] = 20, ["logItems"] = true }, JobPriority.High, "test", ct);
        await app.WaitForJobAsync(job.Id, j => j.Metadata.Progress.Current >= 40, Long);
        await own.StopAsync();
        // The outage itself: storage is away this long, whatever the app does meanwhile.
        await Task.Delay(TimeSpan.FromSeconds(10), ct);
        await own.RestartAsync(ct);
        output.WriteLine("Azurite back after 10 s");

        JobRecord done = await app.WaitForEndAsync(job.Id, Long);

        Assert.Equal(JobStatus.Completed, done.Status);
        Assert.Equal((300L, 300L), (done.Metadata.Progress.Current, done.Metadata.Progress.Total));
        Assert.Equal(300, RanKeys(await app.ReadLogAsync(job.Id)).Distinct().Count());
    }

    [Fact]
    public async Task TwoProcesses_OneTaskHub_ShareOneJobsItemsAndCountEachOnce()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string prefix = azurite.NewPrefix();
        IDictionary<string, string?> config = AppOptions.FastJobs(new Dictionary<string, string?> { ["jobs:ItemsPerActivity"] = "4" });
        await using RunningApp observer = await RunningApp.StartAsync(azurite, new AppOptions { Prefix = prefix, RunJobEngine = false });
        await using ServeProcess one = await ServeProcess.StartAsync(azurite.ConnectionString, prefix, RunningApp.Token, config);
        await using ServeProcess two = await ServeProcess.StartAsync(azurite.ConnectionString, prefix, RunningApp.Token, config);

        JobRecord job = await observer.Jobs.SubmitAsync("noop", new JsonObject { ["items"] = 400, ["delayMs"] = 50, ["logItems"] = true }, JobPriority.High, "test", ct);
        JobRecord done = await observer.WaitForEndAsync(job.Id, Long);

        Assert.Equal(JobStatus.Completed, done.Status);
        Assert.Equal((400L, 400L), (done.Metadata.Progress.Current, done.Metadata.Progress.Total));
        Match[] lines = RanLine().Matches(await observer.ReadLogAsync(job.Id)).ToArray();
        Assert.Equal(400, lines.Select(m => m.Groups[1].Value).Distinct().Count());
        var byProcess = lines.GroupBy(m => m.Groups[2].Value).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine(string.Join(", ", byProcess.Select(p => $"process {p.Key}: {p.Value} items")));
        foreach (ServeProcess process in new[] { one, two })
        {
            Assert.True(byProcess.GetValueOrDefault(process.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)) > 0, $"process {process.ProcessId} ran no item");
        }
    }

    private static IEnumerable<string> RanKeys(string log) => RanLine().Matches(log).Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"\[info\] ran (item-\d+) attempt \d+ in process (\d+)")]
    private static partial Regex RanLine();
}
