using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SidFlow.Core.Jobs;
using SidFlow.Core.Models;
using SidFlow.Core.Operations;
using SidFlow.Core.Render;
using SidFlow.Core.Telemetry;

namespace SidFlow.Core.Alerts;

/// <summary>
/// The guide's alerts, evaluated on a timer by one instance at a time (a lease, whose state keeps what is firing
/// and each running job's last progress): playback failures reported by players, a stalled job, the oldest
/// render past <c>maxCacheAgeMs</c>, this
/// process's CPU and memory, the production model's conditions, health unhealthy. A condition that starts
/// holding is delivered once to every configured channel and the audit trail; when it clears, one "resolved"
/// follows. Delivery failures are reported in the audit line and never stop the evaluation.
/// </summary>
public sealed class AlertMonitor(
    IJobStore jobs,
    IAvailabilityStore availability,
    ITelemetryStore telemetry,
    ModelHealth model,
    IEnumerable<IComponentCheck> checks,
    IEnumerable<IAlertChannel> channels,
    IAuditLog audit,
    ILeaseProvider leases,
    IOptions<AlertOptions> options,
    TimeProvider time,
    ILogger<AlertMonitor> logger)
{
    /// <summary>The playback failure rate is that of the reports of the last hour, once there are enough to mean something.</summary>
    public static readonly TimeSpan PlaybackWindow = TimeSpan.FromHours(1);
    public const int MinPlaybackReports = 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private (TimeSpan Cpu, long AtMs)? _cpuSample;

    /// <summary>What was firing after this instance's latest evaluation, by component (empty before one ran here).</summary>
    public IReadOnlyDictionary<string, int> FiringByComponent { get; private set; } = new Dictionary<string, int>();

    /// <summary>One evaluation; null when alerts are off or another instance holds the evaluation.</summary>
    public async Task<AlertEvaluation?> EvaluateAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return null;
        }

        await using ILease? lease = await leases.TryAcquireAsync("alerts", TimeSpan.FromSeconds(60), cancellationToken);
        if (lease is null)
        {
            return null;
        }

        AlertState state = await lease.ReadStateAsync(cancellationToken) is { Length: > 0 } text
            ? JsonSerializer.Deserialize<AlertState>(text, Json) ?? new AlertState()
            : new AlertState();
        List<AlertCondition> holding = await ConditionsAsync(state, cancellationToken);
        AlertCondition[] fired = holding.Where(c => !state.Firing.ContainsKey(c.Key)).ToArray();
        string[] cleared = state.Firing.Keys.Where(k => holding.All(c => c.Key != k)).ToArray();
        long now = time.GetUtcNow().ToUnixTimeMilliseconds();

        var deliveries = fired.Select(c => DeliverAsync("alert.fired", new AlertPayload(now, c.Severity, c.Component, c.Message, c.Details), cancellationToken))
            .Concat(cleared.Select(k => DeliverAsync("alert.resolved", Resolved(k, state.Firing[k], now), cancellationToken)));
        await Task.WhenAll(deliveries);

        foreach (AlertCondition c in fired)
        {
            state.Firing[c.Key] = new FiringAlert(c.Component, c.Message, now);
        }

        foreach (string k in cleared)
        {
            state.Firing.Remove(k);
        }

        await lease.WriteStateAsync(JsonSerializer.Serialize(state, Json), cancellationToken);
        FiringByComponent = state.Firing.Values.GroupBy(f => f.Component).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new AlertEvaluation(holding, fired.Select(c => c.Key).ToArray(), cleared);
    }

    /// <summary><c>POST /api/admin/alerts/test</c>: a test alert to every channel; what each said.</summary>
    public async Task<IReadOnlyDictionary<string, string>> SendTestAsync(string actor, CancellationToken cancellationToken)
    {
        var alert = new AlertPayload(time.GetUtcNow().ToUnixTimeMilliseconds(), "info", "alerts", "Test alert from SidFlow", new JsonObject { ["requestedBy"] = actor });
        Dictionary<string, string> results = await DeliverAsync("alert.test", alert, cancellationToken, actor);
        return results;
    }

    private async Task<Dictionary<string, string>> DeliverAsync(string action, AlertPayload alert, CancellationToken cancellationToken, string actor = "sidflow")
    {
        IAlertChannel[] configured = channels.Where(c => c.IsConfigured).ToArray();
        string?[] failures = await Task.WhenAll(configured.Select(c => c.DeliverAsync(alert, cancellationToken)));
        var results = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (IAlertChannel channel in channels)
        {
            results[channel.Name] = "not configured";
        }

        for (int i = 0; i < configured.Length; i++)
        {
            results[configured[i].Name] = failures[i] ?? "delivered";
            if (failures[i] is { } failure)
            {
                logger.AlertNotDelivered(configured[i].Name, alert.Component, failure);
            }
        }

        var details = (JsonObject)JsonSerializer.SerializeToNode(alert, Json)!;
        details["delivery"] = new JsonObject(results.Select(r => KeyValuePair.Create(r.Key, (JsonNode?)r.Value)));
        try
        {
            await audit.AppendAsync(new AuditEntry(time.GetUtcNow(), action, actor, details, failures.All(f => f is null)), cancellationToken);
            results["audit"] = "written";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.AlertNotAudited(ex, alert.Component);
            results["audit"] = "failed: " + ex.Message;
        }

        return results;
    }

    private async Task<List<AlertCondition>> ConditionsAsync(AlertState state, CancellationToken cancellationToken)
    {
        AlertThresholds limits = options.Value.Thresholds;
        var holding = new List<AlertCondition>();
        holding.AddRange(await StalledJobsAsync(state, limits, cancellationToken));
        if (await OldestAssetAgeAsync(cancellationToken) is { } age && age > limits.MaxCacheAgeMs)
        {
            holding.Add(new AlertCondition("cache-age", "warning", "cache", $"Cache age exceeds {TimeSpan.FromMilliseconds(limits.MaxCacheAgeMs).TotalDays:0.#} days",
                new JsonObject { ["oldestCacheFileAge"] = age, ["threshold"] = limits.MaxCacheAgeMs }));
        }

        PlaybackCounts playback = await telemetry.CountSinceAsync(time.GetUtcNow() - PlaybackWindow, cancellationToken);
        if (playback.Sessions + playback.Failures >= MinPlaybackReports && playback.FailureRate > limits.MaxSessionFailureRate)
        {
            holding.Add(new AlertCondition("playback-failures", "warning", "playback",
                $"Playback failure rate {playback.FailureRate:P0} over the last hour (threshold {limits.MaxSessionFailureRate:P0})",
                new JsonObject { ["failureRate"] = Math.Round(playback.FailureRate, 4), ["sessions"] = playback.Sessions, ["failures"] = playback.Failures, ["threshold"] = limits.MaxSessionFailureRate }));
        }

        holding.AddRange(SystemConditions(limits));
        ModelMetricsReport report = await model.ReportAsync(cancellationToken);
        if (report.Health != "healthy")
        {
            holding.Add(new AlertCondition("model-" + report.Health, report.Health == "unhealthy" ? "critical" : "warning", "model",
                $"Model {report.ActiveVersion} is {report.Health}: {string.Join("; ", report.Problems)}",
                new JsonObject { ["modelVersion"] = report.ActiveVersion, ["problems"] = new JsonArray(report.Problems.Select(p => (JsonNode?)p).ToArray()) }));
        }

        // The model's check is the report just read; asking it again would read the manifest and feedback twice.
        HealthReport health = await HealthReport.CollectAsync(checks.Where(c => c.Name != ModelHealthCheck.CheckName), time, TimeSpan.FromSeconds(10), cancellationToken);
        if (health.Overall == HealthStatus.Unhealthy)
        {
            string[] failing = health.Checks.Where(c => c.Value.Status == HealthStatus.Unhealthy).Select(c => c.Key).ToArray();
            holding.Add(new AlertCondition("health-unhealthy", "critical", "health", $"SidFlow is unhealthy: {string.Join(", ", failing)}",
                new JsonObject { ["unhealthy"] = new JsonArray(failing.Select(f => (JsonNode?)f).ToArray()) }));
        }

        return holding;
    }

    /// <summary>A running job whose progress has not moved for <c>maxJobStallMs</c> (since it started, when it never moved).</summary>
    private async Task<IEnumerable<AlertCondition>> StalledJobsAsync(AlertState state, AlertThresholds limits, CancellationToken cancellationToken)
    {
        long now = time.GetUtcNow().ToUnixTimeMilliseconds();
        IReadOnlyList<JobRecord> running = await jobs.ListAsync([JobStatus.Running], null, cancellationToken);
        var progress = new Dictionary<string, JobSighting>(StringComparer.Ordinal);
        var stalled = new List<AlertCondition>();
        foreach (JobRecord job in running)
        {
            long current = job.Metadata.Progress.Current;
            JobSighting seen = state.Progress.TryGetValue(job.Id, out JobSighting? before) && before.Current == current
                ? before
                : new JobSighting(current, current == 0 && before is null ? job.StartedAt ?? now : now);
            progress[job.Id] = seen;
            long stalledMs = now - seen.Since;
            if (stalledMs > limits.MaxJobStallMs)
            {
                stalled.Add(new AlertCondition("job-stall:" + job.Id, "warning", "jobs",
                    $"Job {job.Id} ({job.Type}) has made no progress for {TimeSpan.FromMilliseconds(stalledMs).TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture)} minutes",
                    new JsonObject { ["jobId"] = job.Id, ["type"] = job.Type, ["progress"] = current, ["total"] = job.Metadata.Progress.Total, ["stalledMs"] = stalledMs, ["threshold"] = limits.MaxJobStallMs }));
            }
        }

        state.Progress = progress;
        return stalled;
    }

    private async Task<long?> OldestAssetAgeAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset? oldest = null;
        await foreach (RenderAsset asset in availability.ListAllAsync(cancellationToken))
        {
            oldest = oldest is null || asset.RenderedAt < oldest ? asset.RenderedAt : oldest;
        }

        return oldest is null ? null : (long)(time.GetUtcNow() - oldest.Value).TotalMilliseconds;
    }

    /// <summary>This process's CPU since the previous evaluation (all cores = 100%) and its memory against what it may use.</summary>
    private IEnumerable<AlertCondition> SystemConditions(AlertThresholds limits)
    {
        using Process self = Process.GetCurrentProcess();
        long now = time.GetUtcNow().ToUnixTimeMilliseconds();
        TimeSpan cpu = self.TotalProcessorTime;
        (TimeSpan Cpu, long AtMs)? previous = _cpuSample;
        _cpuSample = (cpu, now);
        if (previous is { } p && now > p.AtMs)
        {
            double percent = 100 * (cpu - p.Cpu).TotalMilliseconds / ((now - p.AtMs) * (double)Environment.ProcessorCount);
            if (percent > limits.MaxCpuPercent)
            {
                yield return new AlertCondition("system-cpu", "warning", "system", $"CPU at {percent:0}% (threshold {limits.MaxCpuPercent:0}%)",
                    new JsonObject { ["cpuPercent"] = Math.Round(percent, 1), ["threshold"] = limits.MaxCpuPercent });
            }
        }

        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        double memory = available > 0 ? 100.0 * self.WorkingSet64 / available : 0;
        if (memory > limits.MaxMemoryPercent)
        {
            yield return new AlertCondition("system-memory", "warning", "system", $"Memory at {memory:0}% (threshold {limits.MaxMemoryPercent:0}%)",
                new JsonObject { ["memoryPercent"] = Math.Round(memory, 1), ["workingSetBytes"] = self.WorkingSet64, ["availableBytes"] = available, ["threshold"] = limits.MaxMemoryPercent });
        }
    }

    private static AlertPayload Resolved(string key, FiringAlert was, long now) =>
        new(now, "info", was.Component, "Resolved: " + was.Message, new JsonObject { ["resolved"] = true, ["condition"] = key, ["firedAt"] = was.FiredAt });

    private sealed class AlertState
    {
        public Dictionary<string, FiringAlert> Firing { get; set; } = new(StringComparer.Ordinal);
        public Dictionary<string, JobSighting> Progress { get; set; } = new(StringComparer.Ordinal);
    }

    private sealed record FiringAlert(string Component, string Message, long FiredAt);

    private sealed record JobSighting(long Current, long Since);
}

/// <param name="Fired">Keys of the conditions that started holding (delivered now).</param>
/// <param name="Cleared">Keys that stopped holding ("resolved" delivered now).</param>
public sealed record AlertEvaluation(IReadOnlyList<AlertCondition> Holding, IReadOnlyList<string> Fired, IReadOnlyList<string> Cleared);
