namespace SidFlow.Core.Jobs;

/// <summary>
/// The <c>jobitems</c> table: per job, one row per item (its checkpoint) and one counter row per shard.
/// Marking items and counting them happen in one atomic transaction per shard, so no item is ever
/// counted twice, whatever number of workers and instances process the same messages.
/// </summary>
public interface IJobItemLedger
{
    /// <summary>Creates the shard rows of a job with the given control (idempotent).</summary>
    Task InitializeAsync(string jobId, JobControl control, CancellationToken cancellationToken);

    /// <summary>Adds items; items that exist already are left as they are (enumeration may run again after a crash).</summary>
    Task AddItemsAsync(string jobId, IReadOnlyCollection<JobItemSpec> items, CancellationToken cancellationToken);

    Task<JobCounters> GetCountersAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>Sets the fence of every shard in one atomic write.</summary>
    Task SetControlAsync(string jobId, JobControl control, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the items running, atomically with a check that the shard's control is Running.
    /// Items already done or failed are skipped; items marked running by a worker whose message came back are taken over.
    /// </summary>
    Task<StartedItems> StartAsync(string jobId, int shard, IReadOnlyList<string> keys, CancellationToken cancellationToken);

    /// <summary>Records results of started items; results for items no longer running (someone else finished them) are ignored.</summary>
    Task CompleteAsync(StartedItems started, IReadOnlyList<ItemResult> results, CancellationToken cancellationToken);

    /// <summary>Items in key order after <paramref name="afterCursor"/>, optionally only those with one status.</summary>
    Task<ItemPage> ListItemsAsync(string jobId, JobItemStatus? status, string? afterCursor, int take, CancellationToken cancellationToken);

    /// <summary>Turns failed items back to pending (for retry); returns how many.</summary>
    Task<int> ResetFailedAsync(string jobId, CancellationToken cancellationToken);
}

/// <summary>The outcome of a start: the control seen, and the items this worker now runs.</summary>
public sealed record StartedItems(string JobId, int Shard, JobControl Control, IReadOnlyList<JobItem> Items)
{
    /// <summary>Adapter state (ETags) that lets the completion skip a re-read when nothing changed meanwhile.</summary>
    public object? Concurrency { get; init; }
}

public enum ItemOutcome
{
    Done,
    Failed,
    Retry,
}

/// <param name="Permanent">Failed at once because no retry can help; its message is settled, not poisoned.</param>
public sealed record ItemResult(string Key, ItemOutcome Outcome, string? Error = null, bool Permanent = false);

public sealed record ItemPage(IReadOnlyList<JobItem> Items, string? Cursor);
