namespace SidFlow.Core.Jobs;

/// <summary>The <c>jobs</c> section of <c>.sidflow.json</c>: admission limits, schedules, and how a job's orchestration runs its items.</summary>
public sealed class JobOptions
{
    /// <summary>Jobs running at once (a pipeline counts as one, whatever stage it is in).</summary>
    public int MaxConcurrent { get; set; } = 2;

    public Dictionary<string, int> MaxConcurrentByType { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Five-field cron expression per job type, e.g. <c>"fetch": "0 2 * * *"</c> (UTC).</summary>
    public Dictionary<string, string> Schedule { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Attempts of an item before it counts as failed (a permanent failure counts at once).</summary>
    public int MaxDequeueCount { get; set; } = 5;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Items one activity runs (a job type may ask for another number).</summary>
    public int ItemsPerActivity { get; set; } = 16;

    /// <summary>Items of one job scheduled but not finished at most.</summary>
    public int DispatchWindow { get; set; } = 256;

    /// <summary>Activities one instance runs at once.</summary>
    public int ActivityConcurrency { get; set; } = 32;

    /// <summary>Activities one orchestration execution schedules before it continues as new, so its history stays short.</summary>
    public int ActivitiesPerExecution { get; set; } = 200;

    public TimeSpan ItemTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a dequeued Durable message stays hidden: a crashed instance's work comes back after this.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The Durable task hub (letters and digits); the storage prefix goes in front of it.</summary>
    public string TaskHub { get; set; } = "SidFlow";

    /// <summary>Control-queue partitions of the task hub (Durable Functions' default is 4; keep both sides equal).</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>
    /// The app lease's name: processes with the same name share the task hub (Durable Functions uses the
    /// function app's name, so set this to it for a local worker to join an Azure app's hub).
    /// </summary>
    public string AppName { get; set; } = "SidFlow";

    /// <summary>How long a partition lease lasts: a killed worker's partitions move to another after this.</summary>
    public TimeSpan PartitionLeaseInterval { get; set; } = TimeSpan.FromSeconds(20);

    public TimeSpan PartitionLeaseAcquireInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Keep orchestration histories in memory between episodes instead of reading them again.</summary>
    public bool ExtendedSessions { get; set; } = true;

    /// <summary>Longest pause between polls of idle Durable queues.</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan AdmissionInterval { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan SchedulerInterval { get; set; } = TimeSpan.FromSeconds(30);

    public int LimitFor(string type) => MaxConcurrentByType.TryGetValue(type, out int limit) ? limit : int.MaxValue;
}
