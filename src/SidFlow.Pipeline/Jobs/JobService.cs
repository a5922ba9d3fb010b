using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SidFlow.Core.Jobs;
using SidFlow.Pipeline.Orchestration;

namespace SidFlow.Pipeline.Jobs;

/// <summary>
/// Submitting and controlling jobs: what the API and the CLI call. A job waits as a pending row until
/// admission starts its orchestration. Controls are Durable operations on the orchestration, written to the
/// row first: pause suspends it (and the row fences items not yet started), resume resumes it, cancel raises
/// the event the orchestration ends on, retry starts a new run over the items that failed.
/// </summary>
public sealed class JobService(
    IJobStore store,
    IJobTempStore temp,
    IJobOrchestrations orchestrations,
    JobAdmission admission,
    JobTypeRegistry types,
    JobLogWriter log,
    TimeProvider time,
    IOptions<JobOptions> options)
{
    public async Task<JobRecord> SubmitAsync(string type, JsonObject? config, int? priority, string createdBy, CancellationToken cancellationToken)
    {
        string name = type.Trim().ToLowerInvariant();
        if (!types.IsAvailable(name))
        {
            throw JobTypeRegistry.KnownTypes.Contains(name)
                ? new JobTypeUnavailableException(name)
                : new JobConfigException($"unknown job type '{type}'; known: {string.Join(", ", types.Names.Append(JobTypeRegistry.Pipeline).Distinct())}");
        }

        int level = priority ?? (createdBy == "schedule" ? JobPriority.Normal : JobPriority.High);
        if (!JobPriority.IsValid(level))
        {
            throw new JobConfigException($"priority must be one of {string.Join(", ", JobPriority.Levels)}, not {level}");
        }

        JsonObject normalized = name == JobTypeRegistry.Pipeline
            ? NormalizePipeline(config ?? [])
            : types.Find(name)!.NormalizeConfig(config is null ? [] : (JsonObject)config.DeepClone());

        JobRecord inserted = await InsertAsync(name, normalized, level, createdBy, cancellationToken);
        log.Info(inserted.Id, $"Created by {createdBy} with priority {level}: {normalized.ToJsonString()}");
        await admission.TryAdmitAsync(cancellationToken);
        return await store.GetAsync(inserted.Id, cancellationToken) ?? inserted;
    }

    public Task<JobRecord?> GetAsync(string id, CancellationToken cancellationToken) => store.GetAsync(id, cancellationToken);

    public async Task<IReadOnlyList<JobRecord>> ListAsync(JobStatus? status, string? type, bool byPriority, CancellationToken cancellationToken)
    {
        IReadOnlyList<JobRecord> jobs = await store.ListAsync(status is null ? null : [status.Value], type, cancellationToken);
        IOrderedEnumerable<JobRecord> ordered = byPriority
            ? jobs.OrderByDescending(j => j.Priority).ThenByDescending(j => j.CreatedAt)
            : jobs.OrderByDescending(j => j.CreatedAt);
        return ordered.ToArray();
    }

    public async Task<JobRecord> PauseAsync(string id, CancellationToken cancellationToken)
    {
        JobRecord job = await RequireAsync(id, cancellationToken);
        if (job.Status == JobStatus.Paused)
        {
            return job;
        }

        if (job.Status is not (JobStatus.Pending or JobStatus.Running))
        {
            throw new JobTransitionException($"job '{id}' is {job.Status.ToWire()}: only pending or running jobs can be paused");
        }

        // The row first: from here on no item of the job starts, whatever the orchestration has scheduled.
        JobRecord paused = await store.UpdateAsync(id, j => j.Status is JobStatus.Pending or JobStatus.Running
            ? j with { Status = JobStatus.Paused, Metadata = j.Metadata with { Progress = j.Metadata.Progress with { Message = "Paused" } } }
            : j, cancellationToken);
        if (paused.Status != JobStatus.Paused)
        {
            throw new JobTransitionException($"job '{id}' became {paused.Status.ToWire()} while pausing");
        }

        if (paused.Orchestration.InstanceId is { } instanceId)
        {
            await orchestrations.SuspendAsync(instanceId, "paused", cancellationToken);
        }

        log.Info(id, "Paused: no new item starts; running items finish");
        await ForStageAsync(paused, stage => PauseAsync(stage, cancellationToken));
        return paused;
    }

    public async Task<JobRecord> ResumeAsync(string id, CancellationToken cancellationToken)
    {
        JobRecord job = await RequireAsync(id, cancellationToken);
        if (job.Status != JobStatus.Paused)
        {
            throw new JobTransitionException($"job '{id}' is {job.Status.ToWire()}: only paused jobs can be resumed");
        }

        // A job paused while it waited for admission (first run or a retry) waits for admission again.
        bool live = job.Orchestration.InstanceId is { } current
            && await orchestrations.GetAsync(current, cancellationToken) is { Status: not (OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Canceled) };
        JobRecord resumed = await store.UpdateAsync(id, j => j.Status == JobStatus.Paused
            ? j with
            {
                Status = live ? JobStatus.Running : JobStatus.Pending,
                Metadata = j.Metadata with { Progress = j.Metadata.Progress with { Message = "Resumed" } },
            }
            : j, cancellationToken);
        if (resumed.Status == JobStatus.Running && resumed.Orchestration.InstanceId is { } instanceId)
        {
            await orchestrations.ResumeAsync(instanceId, "resumed", cancellationToken);
        }

        log.Info(id, "Resumed");
        await ForStageAsync(resumed, stage => ResumeAsync(stage, cancellationToken));
        if (resumed.Status == JobStatus.Pending)
        {
            await admission.TryAdmitAsync(cancellationToken);
        }

        return resumed;
    }

    /// <summary>
    /// Cancels: the row at once, then the orchestration stops scheduling, lets running items end, removes the
    /// job's scratch blobs and ends. <paramref name="terminate"/> ends the orchestration on the spot instead
    /// (the last resort for one that does not end), and removes the blobs here.
    /// </summary>
    public async Task<JobRecord> CancelAsync(string id, CancellationToken cancellationToken, bool terminate = false)
    {
        JobRecord job = await RequireAsync(id, cancellationToken);
        if (job.Status.IsTerminal())
        {
            throw new JobTransitionException($"job '{id}' is already {job.Status.ToWire()}");
        }

        long now = time.GetUtcNow().ToUnixTimeMilliseconds();
        JobRecord cancelled = await store.UpdateAsync(id, j => j.Status.IsTerminal() ? j : j with
        {
            Status = JobStatus.Cancelled,
            CompletedAt = now,
            Metadata = j.Metadata with { Progress = j.Metadata.Progress with { Message = "Cancelled" } },
        }, cancellationToken);
        if (cancelled.Status != JobStatus.Cancelled)
        {
            throw new JobTransitionException($"job '{id}' became {cancelled.Status.ToWire()} while cancelling");
        }

        if (cancelled.Orchestration.InstanceId is { } instanceId && !terminate)
        {
            if (job.Status == JobStatus.Paused)
            {
                // A suspended instance keeps events until resumed; items see the cancelled row and do not start.
                await orchestrations.ResumeAsync(instanceId, "cancelling", cancellationToken);
            }

            await orchestrations.RaiseEventAsync(instanceId, OrchestrationNames.CancelEvent, "cancelled", cancellationToken);
            log.Info(id, "Cancel requested: no new item starts; the job's temporary blobs go once running items end");
        }
        else
        {
            if (cancelled.Orchestration.InstanceId is { } terminated)
            {
                await orchestrations.TerminateAsync(terminated, "cancelled with terminate", cancellationToken);
            }

            int removed = await temp.DeleteAllAsync(id, cancellationToken);
            log.Info(id, $"Cancelled; {removed} temporary blobs removed");
        }

        await ForStageAsync(job, stage => CancelAsync(stage, cancellationToken, terminate));
        return cancelled;
    }

    public async Task<JobRecord> RetryAsync(string id, JsonObject? configChanges, CancellationToken cancellationToken)
    {
        JobRecord job = await RequireAsync(id, cancellationToken);
        if (job.Status is not (JobStatus.Failed or JobStatus.Cancelled))
        {
            throw new JobTransitionException($"job '{id}' is {job.Status.ToWire()}: only failed or cancelled jobs can be retried");
        }

        if (job.ParentId is not null)
        {
            throw new JobTransitionException($"job '{id}' is a stage of {job.ParentId}: retry the pipeline");
        }

        JsonObject config = (JsonObject)job.Config.DeepClone();
        foreach ((string key, JsonNode? value) in configChanges ?? [])
        {
            config[key] = value?.DeepClone();
        }

        config = job.Type == JobTypeRegistry.Pipeline
            ? NormalizePipeline(config)
            : (types.Find(job.Type) ?? throw new JobTypeUnavailableException(job.Type)).NormalizeConfig(config);
        JobRecord retried = await store.UpdateAsync(id, j => j with
        {
            Status = JobStatus.Pending,
            Config = config,
            CompletedAt = null,
            Metadata = j.Metadata with { Error = null, Result = null, Progress = j.Metadata.Progress with { Message = $"Waiting to retry (run {j.Orchestration.Run + 1})" } },
        }, cancellationToken);
        log.Info(id, $"Retry requested: config {config.ToJsonString()}");
        await admission.TryAdmitAsync(cancellationToken);
        return await store.GetAsync(id, cancellationToken) ?? retried;
    }

    public async Task<JobRecord> SetPriorityAsync(string id, int priority, CancellationToken cancellationToken)
    {
        if (!JobPriority.IsValid(priority))
        {
            throw new JobConfigException($"priority must be one of {string.Join(", ", JobPriority.Levels)}, not {priority}");
        }

        JobRecord job = await RequireAsync(id, cancellationToken);
        if (job.Status.IsTerminal())
        {
            throw new JobTransitionException($"job '{id}' is {job.Status.ToWire()}: its priority no longer matters");
        }

        JobRecord changed = await store.UpdateAsync(id, j => j.Priority == priority ? j : j with { Priority = priority }, cancellationToken);
        log.Info(id, $"Priority set to {priority}");
        await ForStageAsync(changed, stage => SetPriorityAsync(stage, priority, cancellationToken));
        return changed;
    }

    /// <summary>Polls until the job is in a terminal state or the timeout passes; reports each state it reads.</summary>
    public async Task<JobRecord> WaitAsync(string id, TimeSpan timeout, Func<JobRecord, CancellationToken, Task>? onProgress, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            JobRecord job = await RequireAsync(id, deadline.Token);
            if (onProgress is not null)
            {
                await onProgress(job, deadline.Token);
            }

            if (job.Status.IsTerminal())
            {
                return job;
            }

            await Task.Delay(options.Value.MaxQueuePollingInterval, time, deadline.Token);
        }
    }

    private async Task<JobRecord> InsertAsync(string type, JsonObject config, int priority, string createdBy, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        string baseId = $"{type}-{now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}";
        for (int n = 1; ; n++)
        {
            try
            {
                return await store.InsertAsync(new JobRecord
                {
                    Id = n == 1 ? baseId : string.Create(CultureInfo.InvariantCulture, $"{baseId}-{n}"),
                    Type = type,
                    Status = JobStatus.Pending,
                    Priority = priority,
                    CreatedAt = now.ToUnixTimeMilliseconds(),
                    Config = config,
                    CreatedBy = createdBy,
                    Metadata = new JobMetadata { Progress = new JobProgress { Message = "Waiting for a free slot" } },
                }, cancellationToken);
            }
            catch (JobAlreadyExistsException) when (n < 1000)
            {
            }
        }
    }

    private async Task<JobRecord> RequireAsync(string id, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) ?? throw new JobNotFoundException(id);

    private static async Task ForStageAsync(JobRecord job, Func<string, Task> action)
    {
        if (job.Type == JobTypeRegistry.Pipeline && job.Orchestration.StageJobId is { } stage)
        {
            try
            {
                await action(stage);
            }
            catch (JobTransitionException)
            {
                // The stage is already where the control would take it.
            }
        }
    }

    private JsonObject NormalizePipeline(JsonObject config)
    {
        if (config["stages"] is not JsonArray stages || stages.Count == 0)
        {
            throw new JobConfigException("a pipeline needs \"stages\": [{\"type\": ..., \"config\": {...}}, ...]");
        }

        var normalized = new JsonArray();
        foreach (JsonNode? stage in stages)
        {
            string? type = stage?["type"] is JsonValue v && v.TryGetValue(out string? t) ? t : null;
            if (type is null || type == JobTypeRegistry.Pipeline || !types.IsAvailable(type))
            {
                throw type is not null && JobTypeRegistry.KnownTypes.Contains(type) && type != JobTypeRegistry.Pipeline
                    ? new JobTypeUnavailableException(type)
                    : new JobConfigException($"pipeline stage type '{type}' is not a job type this instance runs");
            }

            JsonObject stageConfig = stage!["config"] is JsonObject c ? (JsonObject)c.DeepClone() : [];
            normalized.Add(new JsonObject { ["type"] = type, ["config"] = types.Find(type)!.NormalizeConfig(stageConfig) });
        }

        return new JsonObject { ["stages"] = normalized };
    }
}
