using Microsoft.Extensions.Options;
using SidFlow.Core.Jobs;
using SidFlow.Pipeline.Orchestration;

namespace SidFlow.Pipeline.Activities;

/// <summary>
/// <see cref="OrchestrationNames.BeginJobRun"/>: decides what a run runs. A first run lists the job's items
/// (the job type's enumeration, written to blobs); a retry runs the items the last run left failed, or lists
/// again when nothing of that run is left (after a cancel).
/// </summary>
public sealed class JobRunStarter(
    IJobStore store,
    IJobTempStore temp,
    JobItemStore items,
    JobTypeRegistry types,
    JobLogWriter log,
    TimeProvider time,
    IOptions<JobOptions> options)
{
    public async Task<JobRunStart> BeginAsync(JobRunRef run, CancellationToken cancellationToken)
    {
        JobRecord? job = await store.GetAsync(run.JobId, cancellationToken);
        if (job is null || job.Orchestration.Run != run.Run || job.Status.IsTerminal())
        {
            string why = job is null ? "the job no longer exists" : job.Orchestration.Run != run.Run ? $"run {run.Run} is not the job's current run" : $"the job is {job.Status.ToWire()}";
            if (job?.Status == JobStatus.Cancelled)
            {
                await temp.DeleteAllAsync(run.JobId, cancellationToken);
            }

            return new JobRunStart { Proceed = false, Reason = why };
        }

        JobType type = types.Find(job.Type) ?? throw new JobConfigException($"job type '{job.Type}' is not available on this instance");
        JobRunSettings settings = SettingsFor(type, job);
        if (run.Run > 1 && await RetrySetAsync(job, cancellationToken) is { } retry)
        {
            log.Info(job.Id, $"Run {run.Run}: retrying the {IndexRanges.CountOf(retry.Ranges)} items run {retry.Run} left failed");
            await log.FlushAsync(job.Id, cancellationToken);
            return new JobRunStart
            {
                Proceed = true,
                Total = retry.Total,
                AlreadyDone = retry.Total - IndexRanges.CountOf(retry.Ranges),
                Work = retry.Ranges,
                ItemListRun = retry.ItemListRun,
                Settings = settings,
            };
        }

        long count = await ListAsync(job, type, run.Run, cancellationToken);
        return new JobRunStart
        {
            Proceed = true,
            Total = count,
            Work = count == 0 ? [] : [new IndexRange(0, count)],
            ItemListRun = run.Run,
            Settings = settings,
        };
    }

    private async Task<long> ListAsync(JobRecord job, JobType type, int run, CancellationToken cancellationToken)
    {
        await using var status = new JobStatusReporter(store, job.Id, run, time, cancellationToken);
        var context = new JobContext(job, log, temp, status.Report);
        status.Report("Listing items");
        long count = await items.WriteAsync(job.Id, run, type.EnumerateAsync(context, status.Token), listed => status.Report($"Listing items: {listed}"), status.Token);
        log.Info(job.Id, $"Listed {count} items");
        await log.FlushAsync(job.Id, cancellationToken);
        return count;
    }

    /// <summary>The failed items of the last run, when its listing is still there to index into.</summary>
    private async Task<FailedItems?> RetrySetAsync(JobRecord job, CancellationToken cancellationToken)
    {
        FailedItems? failed = await items.ReadFailedAsync(job.Id, cancellationToken);
        return failed is not null && failed.Run == job.Orchestration.Run - 1 && await items.CountAsync(job.Id, failed.ItemListRun, cancellationToken) == failed.Total
            ? failed
            : null;
    }

    private JobRunSettings SettingsFor(JobType type, JobRecord job)
    {
        JobOptions o = options.Value;
        int perActivity = Math.Max(1, type.ItemsPerActivity(job.Config) ?? o.ItemsPerActivity);
        int window = Math.Max(perActivity, o.DispatchWindow);
        if (type.MaxInFlight(job.Config) is int most)
        {
            window = Math.Max(1, most);
            perActivity = Math.Min(perActivity, window);
        }

        return new JobRunSettings(
            perActivity,
            window,
            Math.Max(1, o.MaxDequeueCount),
            (long)o.RetryBaseDelay.TotalMilliseconds,
            (long)o.RetryMaxDelay.TotalMilliseconds,
            Math.Max(1, o.ActivitiesPerExecution),
            type.CountsFiles);
    }
}
