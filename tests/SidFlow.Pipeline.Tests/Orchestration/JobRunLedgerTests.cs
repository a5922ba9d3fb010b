using SidFlow.Pipeline.Orchestration;
using Xunit;

namespace SidFlow.Pipeline.Tests.Orchestration;

public sealed class JobRunLedgerTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void TakeBatch_WindowFull_HandsOutNothingMoreUntilResultsCome()
    {
        var ledger = new JobRunLedger(Cursor(total: 10, perActivity: 3, window: 5));

        JobBatch first = ledger.TakeBatch("j", 1, Now)!;
        JobBatch second = ledger.TakeBatch("j", 1, Now)!;

        Assert.Equal([0L, 1, 2], first.Items.Select(i => i.Index));
        Assert.Equal([3L, 4], second.Items.Select(i => i.Index));
        Assert.Null(ledger.TakeBatch("j", 1, Now));
        ledger.Apply(first, Results(first, ItemResultKind.Done), Now);
        Assert.Equal([5L, 6, 7], ledger.TakeBatch("j", 1, Now)!.Items.Select(i => i.Index));
    }

    [Fact]
    public void Apply_RetryUntilTheLastAttempt_CountsTheItemFailedOnceWithItsError()
    {
        var ledger = new JobRunLedger(Cursor(total: 1, perActivity: 1, window: 1, maxAttempts: 3));
        DateTime now = Now;

        for (int attempt = 1; attempt <= 3; attempt++)
        {
            JobBatch batch = ledger.TakeBatch("j", 1, now)!;
            Assert.Equal(attempt, batch.Items.Single().Attempt);
            ledger.Apply(batch, new JobBatchResult([new ItemResult(0, ItemResultKind.Retry, "k: boom")], null), now);
            Assert.Null(ledger.TakeBatch("j", 1, now));
            now = ledger.NextDue ?? now;
        }

        Assert.True(ledger.Finished);
        Assert.Equal((0L, 1L), (ledger.Done, ledger.Failed));
        Assert.Equal([new IndexRange(0, 1)], ledger.FailedItems);
        Assert.Equal(["k: boom"], ledger.FailureExamples);
    }

    [Fact]
    public void Apply_RetryBackoff_DoublesPerAttemptWithinTheJitter()
    {
        var ledger = new JobRunLedger(Cursor(total: 1, perActivity: 1, window: 1, maxAttempts: 5));
        DateTime now = Now;
        var delays = new List<double>();
        for (int attempt = 1; attempt <= 4; attempt++)
        {
            JobBatch batch = ledger.TakeBatch("j", 1, now)!;
            ledger.Apply(batch, new JobBatchResult([new ItemResult(0, ItemResultKind.Retry, "x")], null), now);
            delays.Add((ledger.NextDue!.Value - now).TotalMilliseconds);
            now = ledger.NextDue.Value;
        }

        // Base 1 s, cap 5 s, jitter 0.8..1.2.
        Assert.InRange(delays[0], 800, 1200);
        Assert.InRange(delays[1], 1600, 2400);
        Assert.InRange(delays[2], 3200, 4800);
        Assert.InRange(delays[3], 4000, 6000);
    }

    [Fact]
    public void ToCursor_MidRun_ANewLedgerCarriesOnWhereTheOldStopped()
    {
        var ledger = new JobRunLedger(Cursor(total: 6, perActivity: 2, window: 6));
        JobBatch a = ledger.TakeBatch("j", 1, Now)!;
        JobBatch b = ledger.TakeBatch("j", 1, Now)!;
        ledger.Apply(a, Results(a, ItemResultKind.Done), Now);
        ledger.Apply(b, new JobBatchResult([new ItemResult(2, ItemResultKind.Done), new ItemResult(3, ItemResultKind.NotStarted)], "last"), Now);

        var next = new JobRunLedger(ledger.ToCursor(Now));
        JobBatch c = next.TakeBatch("j", 1, Now.AddSeconds(10))!;

        Assert.Equal((3L, 0L, "last"), (next.Done, next.Failed, next.LastItem));
        Assert.Equal([3L, 4], c.Items.Select(i => i.Index));
        Assert.Equal(1, c.Items[0].Attempt);
    }

    private static JobRunCursor Cursor(long total, int perActivity, int window, int maxAttempts = 3) => new()
    {
        Settings = new JobRunSettings(perActivity, window, maxAttempts, 1000, 5000, 100, false),
        ItemListRun = 1,
        Total = total,
        Work = [new IndexRange(0, total)],
    };

    private static JobBatchResult Results(JobBatch batch, ItemResultKind kind) =>
        new(batch.Items.Select(i => new ItemResult(i.Index, kind)).ToArray(), null);
}
