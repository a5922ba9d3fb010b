using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SidFlow.Core.Jobs;

/// <summary>A job as the guide shows it, plus the engine's own state (not part of the API shape).</summary>
public sealed record JobRecord
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    public required JobStatus Status { get; init; }
    public required int Priority { get; init; }

    /// <summary>Milliseconds since the epoch, as every timestamp of a job.</summary>
    public required long CreatedAt { get; init; }
    public long? StartedAt { get; init; }
    public long? CompletedAt { get; init; }
    public JsonObject Config { get; init; } = [];
    public JobMetadata Metadata { get; init; } = new();

    /// <summary>The pipeline this job is a stage of.</summary>
    public string? ParentId { get; init; }

    /// <summary>Who asked for it: api, cli, schedule, pipeline.</summary>
    public string? CreatedBy { get; init; }

    /// <summary>The guide's render example reads <c>.progress</c> at the top level; it mirrors <c>metadata.progress</c>.</summary>
    public JobProgress Progress => Metadata.Progress;

    [JsonIgnore] public JobEngineState Engine { get; init; } = new();
    [JsonIgnore] public string? ETag { get; init; }
}

public sealed record JobMetadata
{
    public JobProgress Progress { get; init; } = new();
    public string? Error { get; init; }
}

public sealed record JobProgress
{
    public long Current { get; init; }
    public long Total { get; init; }
    public double PercentComplete { get; init; }
    public string? Message { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? ProcessedFiles { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? TotalFiles { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? FailedItems { get; init; }

    public static double Percent(long current, long total) => total <= 0 ? 0 : Math.Round(100.0 * current / total, 1);
}

/// <summary>
/// The dispatcher's checkpoint: the phase, how far through the item list it has dispatched in this round
/// (a round restarts from the first pending item after resume, retry or a stall), and pipeline position.
/// </summary>
public sealed record JobEngineState
{
    public JobPhase Phase { get; init; } = JobPhase.Enumerating;
    public string? Cursor { get; init; }
    public long DispatchedInRound { get; init; }
    public long TerminalAtRoundStart { get; init; }
    public int PipelineStage { get; init; }
    public string? StageJobId { get; init; }

    /// <summary>Set by controls (resume, retry); the dispatcher starts the round with fresh counters.</summary>
    public bool RoundRequested { get; init; }

    public JobEngineState RequestRound() => this with { RoundRequested = true };

    public JobEngineState NewRound(long terminal) =>
        this with { Cursor = null, DispatchedInRound = 0, TerminalAtRoundStart = terminal, RoundRequested = false };
}
