using SidFlow.Core.Jobs;

namespace SidFlow.Pipeline.Orchestration;

// What job orchestrations and their activities pass each other. All of it goes into orchestration history,
// so it stays small: item lists live in blobs, and items travel as indices into them.

/// <summary>The input of a job orchestration: the job, its run, and where an earlier execution left off.</summary>
public sealed record JobRunInput(string JobId, int Run, JobRunCursor? Cursor = null);

/// <summary>Names one run of one job.</summary>
public sealed record JobRunRef(string JobId, int Run);

/// <summary>How a run schedules its items; fixed when it starts, so every replay sees the same values.</summary>
public sealed record JobRunSettings(
    int ItemsPerActivity,
    int Window,
    int MaxAttempts,
    long RetryBaseDelayMs,
    long RetryMaxDelayMs,
    int ActivitiesPerExecution,
    bool CountsFiles);

/// <summary>What <see cref="OrchestrationNames.BeginJobRun"/> answers: whether to go on, and the items to run.</summary>
public sealed record JobRunStart
{
    /// <summary>False when the job was cancelled or ended before this run began.</summary>
    public required bool Proceed { get; init; }

    public string? Reason { get; init; }

    /// <summary>Items of the job in all.</summary>
    public long Total { get; init; }

    /// <summary>Items an earlier run finished (a retry runs only the others).</summary>
    public long AlreadyDone { get; init; }

    /// <summary>The items this run runs, as ranges of indices into the item list.</summary>
    public IReadOnlyList<IndexRange> Work { get; init; } = [];

    /// <summary>The run whose listing the indices refer to.</summary>
    public int ItemListRun { get; init; }

    public JobRunSettings? Settings { get; init; }
}

/// <summary>A batch of items for one <see cref="OrchestrationNames.RunJobItems"/> activity.</summary>
public sealed record JobBatch(string JobId, int Run, int ItemListRun, int MaxAttempts, IReadOnlyList<BatchItem> Items);

/// <param name="Attempt">1 for the first attempt.</param>
public sealed record BatchItem(long Index, int Attempt);

/// <summary>What became of each item of a batch, and a description of the last one for the progress message.</summary>
public sealed record JobBatchResult(IReadOnlyList<ItemResult> Items, string? LastItem);

public sealed record ItemResult(long Index, ItemResultKind Kind, string? Error = null)
{
    /// <summary>For <see cref="ItemResultKind.HandedOff"/>: the answer the run waits for, and until when.</summary>
    public ItemHandOff? HandOff { get; init; }
}

public enum ItemResultKind
{
    Done,

    /// <summary>Failed for good: a permanent failure, or the last attempt.</summary>
    Failed,

    /// <summary>Failed; another attempt may succeed.</summary>
    Retry,

    /// <summary>Not started: the job was paused or cancelled when its turn came.</summary>
    NotStarted,

    /// <summary>Handed to something outside the engine: done or failed when its answer comes (or its deadline passes).</summary>
    HandedOff,
}

public sealed record JobProgressReport(string JobId, int Run, JobProgress Progress);

/// <summary>The counts a finished run hands to the job type's fan-in.</summary>
public sealed record JobRunTotals(string JobId, int Run, JobCounters Counters);

public enum JobRunEnd
{
    Finished,
    Cancelled,
    Failed,
}

/// <summary>How a run ended, for <see cref="OrchestrationNames.CompleteJobRun"/> to record.</summary>
public sealed record JobRunCompletion(
    string JobId,
    int Run,
    JobRunEnd End,
    JobCounters Counters,
    int ItemListRun,
    IReadOnlyList<IndexRange> FailedItems,
    IReadOnlyList<string> FailureExamples,
    string? Error = null);

/// <summary>A job orchestration's output: the status its job row ended with.</summary>
public sealed record JobRunOutcome(string JobId, JobStatus Status, JobCounters Counters, string? Error);
