using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SidFlow.Core.Jobs;
using SidFlow.Pipeline.Orchestration;

namespace SidFlow.Pipeline.Jobs;

/// <summary>
/// Starts waiting jobs: pending rows, highest priority first (then oldest), within <c>jobs.maxConcurrent</c>
/// and <c>jobs.maxConcurrentByType</c>. One admission runs at a time across instances (a blob lease). The
/// row is marked running with its new instance id first and the orchestration started second; a crash in
/// between leaves a running row without an instance, which the next admission starts.
/// </summary>
public sealed class JobAdmission(
    IJobStore store,
    IJobOrchestrations orchestrations,
    ILeaseProvider leases,
    JobLogWriter log,
    TimeProvider time,
    IOptions<JobOptions> options,
    ILogger<JobAdmission> logger)
{
    private static readonly JobStatus[] Active = [JobStatus.Pending, JobStatus.Running, JobStatus.Paused];
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(30);

    /// <summary>Admits what fits now; returns the jobs started. Another instance admitting at the same time makes this a no-op.</summary>
    public async Task<IReadOnlyList<JobRecord>> AdmitAsync(CancellationToken cancellationToken)
    {
        for (int attempt = 1; attempt <= 3; attempt++)
        {
            await using ILease? lease = await leases.TryAcquireAsync("admission", LeaseDuration, cancellationToken);
            if (lease is not null)
            {
                return await AdmitHoldingLeaseAsync(cancellationToken);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), time, cancellationToken);
        }

        // Another instance is admitting; what it did not see, the next tick admits.
        return [];
    }

    /// <summary>As <see cref="AdmitAsync"/>, for callers that must not fail because admission did (the timer tries again).</summary>
    public async Task TryAdmitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await AdmitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.AdmissionFailed(ex);
        }
    }

    private async Task<IReadOnlyList<JobRecord>> AdmitHoldingLeaseAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<JobRecord> active = (await store.ListAsync(Active, null, cancellationToken)).Where(j => j.ParentId is null).ToArray();
        List<JobRecord> running = active.Where(j => j.Status == JobStatus.Running).ToList();
        await StartMissingInstancesAsync(running, cancellationToken);

        var started = new List<JobRecord>();
        JobOptions limits = options.Value;
        foreach (JobRecord pending in active.Where(j => j.Status == JobStatus.Pending)
                     .OrderByDescending(j => j.Priority).ThenBy(j => j.CreatedAt).ThenBy(j => j.Id, StringComparer.Ordinal))
        {
            if (running.Count >= limits.MaxConcurrent)
            {
                break;
            }

            if (running.Count(j => j.Type.Equals(pending.Type, StringComparison.OrdinalIgnoreCase)) >= limits.LimitFor(pending.Type))
            {
                continue;
            }

            int run = pending.Orchestration.Run + 1;
            string instanceId = OrchestrationNames.InstanceId(pending.Id, run);
            long now = time.GetUtcNow().ToUnixTimeMilliseconds();
            JobRecord marked = await store.UpdateAsync(pending.Id, j => j.Status != JobStatus.Pending || j.Orchestration.Run != pending.Orchestration.Run ? j : j with
            {
                Status = JobStatus.Running,
                StartedAt = j.StartedAt ?? now,
                Orchestration = j.Orchestration with { Run = run, InstanceId = instanceId },
                Metadata = j.Metadata with { Progress = j.Metadata.Progress with { Message = "Started" } },
            }, cancellationToken);
            if (marked.Status != JobStatus.Running || marked.Orchestration.Run != run)
            {
                continue;
            }

            await orchestrations.StartAsync(OrchestrationNames.For(marked.Type), instanceId, new JobRunInput(marked.Id, run), cancellationToken);
            log.Info(marked.Id, $"Started as {instanceId} (priority {marked.Priority})");
            logger.Admitted(marked.Id, instanceId, marked.Priority);
            running.Add(marked);
            started.Add(marked);
        }

        return started;
    }

    private async Task StartMissingInstancesAsync(IEnumerable<JobRecord> running, CancellationToken cancellationToken)
    {
        foreach (JobRecord job in running)
        {
            if (job.Orchestration.InstanceId is { } instanceId && await orchestrations.GetAsync(instanceId, cancellationToken) is null)
            {
                logger.RestartingMissing(job.Id, instanceId);
                await orchestrations.StartAsync(OrchestrationNames.For(job.Type), instanceId, new JobRunInput(job.Id, job.Orchestration.Run), cancellationToken);
            }
        }
    }
}
