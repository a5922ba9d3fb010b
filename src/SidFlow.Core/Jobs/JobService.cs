using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace SidFlow.Core.Jobs;

/// <summary>Submitting and controlling jobs: what the API and the CLI call.</summary>
public sealed class JobService(
    IJobStore store,
    IJobItemLedger ledger,
    IJobTempStore temp,
    JobTypeRegistry types,
    JobLogWriter log,
    JobSignals signals,
    TimeProvider time,
    IOptions<JobOptions> options)
{
    public async Task<JobRecord> SubmitAsync(string type, JsonObject? config, int? priority, string createdBy, CancellationToken cancellationToken, string? parentId = null)
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

        DateTimeOffset now = time.GetUtcNow();
        string baseId = $"{name}-{now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}";
        for (int n = 1; ; n++)
        {
            var job = new JobRecord
            {
                Id = n == 1 ? baseId : $"{baseId}-{n}",
                Type = name,
                Status = JobStatus.Pending,
                Priority = level,
                CreatedAt = now.ToUnixTimeMilliseconds(),
                Config = normalized,
                ParentId = parentId,
                CreatedBy = createdBy,
                Metadata = new JobMetadata { Progress = new JobProgress { Message = "Waiting for a free slot" } },
            };
            try
            {
                JobRecord inserted = await store.InsertAsync(job, cancellationToken);
                log.Info(inserted.Id, $"Created by {createdBy} with priority {level}: {normalized.ToJsonString()}");
                signals.DispatchNeeded();
                return inserted;
            }
            catch (JobAlreadyExistsException) when (n < 1000)
            {
            }
        }
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
        if (job.Status is not (JobStatus.Pending or JobStatus.Running or JobStatus.Paused))
        {
            throw new JobTransitionException($"job '{id}' is {job.Status.ToWire()}: only pending or running jobs can be paused");
        }

        if (job.Status == JobStatus.Running && job.Engine.Phase == JobPhase.Finalizing)
        {
            throw new JobTransitionException($"job '{id}' is finishing (all items are done) and can no longer be paused");
        }

        // The fence first: once it is written no new item starts, then the status follows.
        await ledger.SetControlAsync(id, JobControl.Paused, cancellationToken);
        JobRecord paused = await store.UpdateAsync(id, j => j.Status is JobStatus.Pending or JobStatus.Running
            ? j with { Status = JobStatus.Paused, Metadata = j.Metadata with { Progress = j.Metadata.Progress with { Message = "Paused" } } }
            : j, cancellationToken);
        if (paused.Status != JobStatus.Paused)
        {
            throw new JobTransitionException($"job '{id}' became {paused.Status.ToWire()} while pausing");
        }

        log.Info(id, "Paused: no new item starts; running items finish");
        await ForStageAsync(paused, s => PauseAsync(s, cancellationToken));
        signals.DispatchNeeded();
        return paused;
    }

    public async Task<JobRecord> ResumeAsync(string id, CancellationToken cancellationToken)
    {
        JobRecord job = await RequireAsync(id, cancellationToken);
        if (job.Status != JobStatus.Paused)
        {
            throw new JobTransitionException($"job '{id}' is {job.Status.ToWire()}: only paused jobs can be resumed");
        }

        JobRecord resumed = await store.UpdateAsync(id, j => j.Status == JobStatus.Paused
            ? j with
            {
                Status = j.StartedAt is null ? JobStatus.Pending : JobStatus.Running,
                Engine = j.Engine.RequestRound(),
                Metadata = j.Metadata with { Progress = j.Metadata.Progress with { Message = "Resumed" } },
            }
            : j, cancellationToken);
        await ledger.SetControlAsync(id, JobControl.Running, cancellationToken);
        log.Info(id, "Resumed from the checkpoint");
        await ForStageAsync(resumed, s => ResumeAsync(s, cancellationToken));
        signals.DispatchNeeded();
        return resumed;
    }

    public async Task<JobRecord> CancelAsync(string id, CancellationToken cancellationToken)
    {
        JobRecord job = await RequireAsync(id, cancellationToken);
        if (job.Status.IsTerminal())
        {
            throw new JobTransitionException($"job '{id}' is already {job.Status.ToWire()}");
        }

        await ledger.SetControlAsync(id, JobControl.Cancelled, cancellationToken);
        long now = time.GetUtcNow().ToUnixTimeMilliseconds();
        JobRecord cancelled = await store.UpdateAsync(id, j => j.Status.IsTerminal() ? j : j with
        {
            Status = JobStatus.Cancelled,
            CompletedAt = now,
            Metadata = j.Metadata with { Progress = j.Metadata.Progress with { Message = "Cancelled" } },
        }, cancellationToken);
        int removed = await temp.DeleteAllAsync(id, cancellationToken);
        log.Info(id, $"Cancelled; {removed} temporary blobs removed");
        await ForStageAsync(job, s => CancelAsync(s, cancellationToken));
        signals.DispatchNeeded();
        return cancelled;
    }

    public async Task<JobRecord> RetryAsync(string id, JsonObject? configChanges, CancellationToken cancellationToken)
    {
        JobRecord job = await RequireAsync(id, cancellationToken);
        if (job.Status is not (JobStatus.Failed or JobStatus.Cancelled))
        {
            throw new JobTransitionException($"job '{id}' is {job.Status.ToWire()}: only failed or cancelled jobs can be retried");
        }

        JsonObject config = (JsonObject)job.Config.DeepClone();
        foreach ((string key, JsonNode? value) in configChanges ?? [])
        {
            config[key] = value?.DeepClone();
        }

        if (job.Type != JobTypeRegistry.Pipeline)
        {
            JobType type = types.Find(job.Type) ?? throw new JobTypeUnavailableException(job.Type);
            config = type.NormalizeConfig(config);
        }

        int reset = await ledger.ResetFailedAsync(id, cancellationToken);
        JobRecord retried = await store.UpdateAsync(id, j => j with
        {
            Status = j.StartedAt is null ? JobStatus.Pending : JobStatus.Running,
            Config = config,
            CompletedAt = null,
            Engine = j.Type == JobTypeRegistry.Pipeline
                ? j.Engine with { StageJobId = null }
                : j.Engine.RequestRound() with { Phase = j.Engine.Phase == JobPhase.Enumerating ? JobPhase.Enumerating : JobPhase.Dispatching },
            Metadata = j.Metadata with { Error = null, Progress = j.Metadata.Progress with { Message = $"Retrying {reset} failed items" } },
        }, cancellationToken);
        await ledger.SetControlAsync(id, JobControl.Running, cancellationToken);
        log.Info(id, $"Retry: {reset} failed items back to pending; config {config.ToJsonString()}");
        signals.DispatchNeeded();
        return retried;
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
        await ForStageAsync(changed, s => SetPriorityAsync(s, priority, cancellationToken));
        signals.DispatchNeeded();
        return changed;
    }

    /// <summary>Polls until the job is in a terminal state or the timeout passes; reports each new state.</summary>
    public async Task<JobRecord> WaitAsync(string id, TimeSpan timeout, Action<JobRecord>? onProgress, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            JobRecord job = await RequireAsync(id, deadline.Token);
            onProgress?.Invoke(job);
            if (job.Status.IsTerminal())
            {
                return job;
            }

            await Task.Delay(options.Value.DispatchInterval * 2, deadline.Token);
        }
    }

    private async Task<JobRecord> RequireAsync(string id, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) ?? throw new JobNotFoundException(id);

    private static async Task ForStageAsync(JobRecord job, Func<string, Task> action)
    {
        if (job.Type == JobTypeRegistry.Pipeline && job.Engine.StageJobId is { } stage)
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
            string? type = stage?["type"]?.GetValue<string>();
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
