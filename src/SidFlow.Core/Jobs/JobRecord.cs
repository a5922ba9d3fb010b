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

    /// <summary>The Durable orchestration instance running (or last run) this job; null until it is admitted.</summary>
    public string? InstanceId => Orchestration.InstanceId;

    [JsonIgnore] public JobRunState Orchestration { get; init; } = new();
    [JsonIgnore] public string? ETag { get; init; }
}

public sealed record JobMetadata
{
    public JobProgress Progress { get; init; } = new();
    public string? Error { get; init; }

    /// <summary>What the job type's fan-in reported (for example a classify job's validation report).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public JsonObject? Result { get; init; }
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

    /// <summary>Progress from a run's counts; file counts too for jobs whose items are files.</summary>
    public static JobProgress Of(JobCounters counters, bool countsFiles, string? message) => new()
    {
        Current = counters.Terminal,
        Total = counters.Total,
        PercentComplete = Percent(counters.Terminal, counters.Total),
        Message = message,
        ProcessedFiles = countsFiles ? counters.Terminal : null,
        TotalFiles = countsFiles ? counters.Total : null,
        FailedItems = counters.Failed > 0 ? counters.Failed : null,
    };
}

/// <summary>
/// Where the job's orchestration stands: which run it is (a retry is a new run), the instance that runs it,
/// and, for a pipeline, the stage job running now.
/// </summary>
public sealed record JobRunState
{
    /// <summary>0 while the job waits for admission; n for its n-th orchestration.</summary>
    public int Run { get; init; }

    public string? InstanceId { get; init; }

    public string? StageJobId { get; init; }
}
