namespace SidFlow.Core.Jobs;

/// <summary>The <c>jobs</c> section of <c>.sidflow.json</c>.</summary>
public sealed class JobOptions
{
    /// <summary>Jobs running at once (pipelines, which only coordinate stages, do not count).</summary>
    public int MaxConcurrent { get; set; } = 2;

    public Dictionary<string, int> MaxConcurrentByType { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Five-field cron expression per job type, e.g. <c>"fetch": "0 2 * * *"</c> (UTC).</summary>
    public Dictionary<string, string> Schedule { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Deliveries of a message before its unfinished items are marked failed and it goes to the poison queue (host.json must agree).</summary>
    public int MaxDequeueCount { get; set; } = 5;

    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(1);
    public int ItemsPerMessage { get; set; } = 8;

    /// <summary>Items of one job dispatched but not finished at most; keeps queues short and priorities effective.</summary>
    public int DispatchWindow { get; set; } = 256;

    /// <summary>Messages one instance processes at once.</summary>
    public int MessageConcurrency { get; set; } = 16;

    public TimeSpan ItemTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>No item of a job finished for this long while some were dispatched: dispatch the unfinished ones again.</summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromMilliseconds(250);
    public TimeSpan IdleDispatchInterval { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan WorkerIdlePoll { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan SchedulerInterval { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    public int LimitFor(string type) => MaxConcurrentByType.TryGetValue(type, out int limit) ? limit : int.MaxValue;

    public TimeSpan BackoffFor(long dequeueCount)
    {
        double factor = Math.Pow(2, Math.Clamp(dequeueCount - 1, 0, 20));
        double ms = Math.Min(RetryMaxDelay.TotalMilliseconds, RetryBaseDelay.TotalMilliseconds * factor);
        return TimeSpan.FromMilliseconds(ms * (0.8 + 0.4 * Random.Shared.NextDouble()));
    }
}
