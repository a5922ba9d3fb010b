using SidFlow.Core.Jobs;

namespace SidFlow.Pipeline.Orchestration;

/// <summary>
/// A run's state between executions of its orchestration (it continues as new every few hundred
/// activities, so history stays short): what is left, what waits for another attempt, and the exact counts.
/// </summary>
public sealed record JobRunCursor
{
    public required JobRunSettings Settings { get; init; }
    public required int ItemListRun { get; init; }
    public required long Total { get; init; }

    /// <summary>The items this run runs, in order; <see cref="Position"/> of them have been handed out.</summary>
    public required IReadOnlyList<IndexRange> Work { get; init; }
    public long Position { get; init; }

    public long Done { get; init; }
    public long Failed { get; init; }
    public IReadOnlyList<IndexRange> FailedItems { get; init; } = [];
    public IReadOnlyList<string> FailureExamples { get; init; } = [];

    /// <summary>Items that failed and wait for another attempt, or were not started because the job was paused.</summary>
    public IReadOnlyList<WaitingItem> Waiting { get; init; } = [];

    public string? LastItem { get; init; }
    public DateTime LastReportAt { get; init; }
    public bool Cancelling { get; init; }
    public int Execution { get; init; }

    public static JobRunCursor Begin(JobRunStart start) => new()
    {
        Settings = start.Settings ?? throw new ArgumentException("a run that proceeds has settings", nameof(start)),
        ItemListRun = start.ItemListRun,
        Total = start.Total,
        Work = start.Work,
        Done = start.AlreadyDone,
    };
}

/// <summary>An item to run again at <see cref="DueAt"/> with attempt number <see cref="Attempt"/>.</summary>
public sealed record WaitingItem(long Index, int Attempt, DateTime DueAt, string? LastError);

/// <summary>An item handed to something outside the engine, whose answer the run waits for.</summary>
public sealed record HandedOffItem(long Index, int Attempt, ItemHandOff HandOff);
