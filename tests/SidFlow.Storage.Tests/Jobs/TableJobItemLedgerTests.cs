using SidFlow.Core.Jobs;
using SidFlow.Storage.Jobs;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Storage.Tests.Jobs;

public sealed class TableJobItemLedgerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AddItems_TwiceWithOverlap_CountsEachItemOnce()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        var ledger = new TableJobItemLedger(await azurite.CreateStorageAsync(ct), TimeProvider.System);
        await ledger.InitializeAsync("job-a", JobControl.Running, ct);

        await ledger.AddItemsAsync("job-a", Enumerable.Range(0, 300).Select(i => new JobItemSpec($"k/{i}#1")).ToArray(), ct);
        await ledger.AddItemsAsync("job-a", Enumerable.Range(200, 200).Select(i => new JobItemSpec($"k/{i}#1")).ToArray(), ct);

        Assert.Equal(400, (await ledger.GetCountersAsync("job-a", ct)).Total);
        ItemPage page = await ledger.ListItemsAsync("job-a", JobItemStatus.Pending, null, 1000, ct);
        Assert.Equal(400, page.Items.Count);
        Assert.Contains(page.Items, i => i.Key == "k/399#1");
    }

    [Fact]
    public async Task StartAndComplete_SameItemsByManyWorkersAtOnce_CountEachItemOnce()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        var ledger = new TableJobItemLedger(await azurite.CreateStorageAsync(ct), TimeProvider.System);
        string[] keys = Enumerable.Range(0, 64).Select(i => $"item-{i}").ToArray();
        await ledger.InitializeAsync("job-b", JobControl.Running, ct);
        await ledger.AddItemsAsync("job-b", keys.Select(k => new JobItemSpec(k)).ToArray(), ct);
        var byShard = keys.GroupBy(JobShards.Of).ToArray();

        // Eight workers process every message at the same time, as duplicate deliveries would.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            foreach (var shard in byShard)
            {
                StartedItems started = await ledger.StartAsync("job-b", shard.Key, shard.ToArray(), ct);
                await ledger.CompleteAsync(started, started.Items.Select(i => new ItemResult(i.Key, ItemOutcome.Done)).ToArray(), ct);
            }
        }, ct)));

        JobCounters counters = await ledger.GetCountersAsync("job-b", ct);
        Assert.Equal((64L, 64L, 0L, 0L), (counters.Total, counters.Done, counters.Failed, counters.Running));
    }

    [Fact]
    public async Task Start_PausedJob_StartsNothingAndLeavesItemsPending()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        var ledger = new TableJobItemLedger(await azurite.CreateStorageAsync(ct), TimeProvider.System);
        await ledger.InitializeAsync("job-c", JobControl.Running, ct);
        await ledger.AddItemsAsync("job-c", [new JobItemSpec("a")], ct);
        await ledger.SetControlAsync("job-c", JobControl.Paused, ct);

        StartedItems started = await ledger.StartAsync("job-c", JobShards.Of("a"), ["a"], ct);

        Assert.Equal(JobControl.Paused, started.Control);
        Assert.Empty(started.Items);
        Assert.Equal(JobItemStatus.Pending, (await ledger.ListItemsAsync("job-c", null, null, 10, ct)).Items.Single().Status);
    }

    [Fact]
    public async Task Complete_RetryThenFailThenReset_MovesCountersAndAttempts()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        var ledger = new TableJobItemLedger(await azurite.CreateStorageAsync(ct), TimeProvider.System);
        int shard = JobShards.Of("x");
        await ledger.InitializeAsync("job-d", JobControl.Running, ct);
        await ledger.AddItemsAsync("job-d", [new JobItemSpec("x", "payload")], ct);

        StartedItems first = await ledger.StartAsync("job-d", shard, ["x"], ct);
        Assert.Equal(1, (await ledger.GetCountersAsync("job-d", ct)).Running);
        await ledger.CompleteAsync(first, [new ItemResult("x", ItemOutcome.Retry, "boom 1")], ct);
        JobItem afterRetry = (await ledger.ListItemsAsync("job-d", null, null, 1, ct)).Items.Single();
        StartedItems second = await ledger.StartAsync("job-d", shard, ["x"], ct);
        await ledger.CompleteAsync(second, [new ItemResult("x", ItemOutcome.Failed, "boom 2")], ct);
        JobItem failed = (await ledger.ListItemsAsync("job-d", JobItemStatus.Failed, null, 1, ct)).Items.Single();
        JobCounters failedCounters = await ledger.GetCountersAsync("job-d", ct);
        int reset = await ledger.ResetFailedAsync("job-d", ct);

        Assert.Equal((JobItemStatus.Pending, 1, "boom 1", "payload"), (afterRetry.Status, afterRetry.Attempts, afterRetry.LastError, afterRetry.Payload));
        Assert.Equal((2, "boom 2"), (failed.Attempts, failed.LastError));
        Assert.Equal((1L, 0L, 0L), (failedCounters.Failed, failedCounters.Done, failedCounters.Running));
        Assert.Equal(1, reset);
        JobCounters afterReset = await ledger.GetCountersAsync("job-d", ct);
        Assert.Equal((0L, 1L), (afterReset.Failed, afterReset.Pending));
    }
}
