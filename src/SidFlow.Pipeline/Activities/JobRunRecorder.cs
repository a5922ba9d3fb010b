using System.Globalization;
using SidFlow.Core.Jobs;
using SidFlow.Pipeline.Jobs;
using SidFlow.Pipeline.Orchestration;

namespace SidFlow.Pipeline.Activities;

/// <summary>
/// The job row's side of a run: progress while it runs (<see cref="OrchestrationNames.ReportJobProgress"/>),
/// the job type's fan-in (<see cref="OrchestrationNames.FinalizeJob"/>), and the end
/// (<see cref="OrchestrationNames.CompleteJobRun"/>): failed items kept for a retry, the last log line written,
/// then the row's final status, then scratch blobs removed and the next job admitted.
/// </summary>
public sealed class JobRunRecorder(
    IJobStore store,
    IJobTempStore temp,
    JobItemStore items,
    JobTypeRegistry types,
    JobLogWriter log,
    JobAdmission admission,
    TimeProvider time)
{
    public async Task ReportProgressAsync(JobProgressReport report, CancellationToken cancellationToken)
    {
        await store.UpdateAsync(report.JobId, j => j.Orchestration.Run != report.Run || j.Status.IsTerminal() ? j : j with
        {
            Metadata = j.Metadata with { Progress = j.Status == JobStatus.Paused ? report.Progress with { Message = "Paused" } : report.Progress },
        }, cancellationToken);
    }

    public async Task FinalizeAsync(JobRunTotals totals, CancellationToken cancellationToken)
    {
        JobRecord job = await store.GetAsync(totals.JobId, cancellationToken) ?? throw new JobNotFoundException(totals.JobId);
        if (job.Orchestration.Run != totals.Run)
        {
            return;
        }

        JobType type = types.Find(job.Type) ?? throw new JobConfigException($"job type '{job.Type}' is not available on this instance");
        log.Info(job.Id, $"All {totals.Counters.Total} items finished ({totals.Counters.Done} done, {totals.Counters.Failed} failed)");
        await using var status = new JobStatusReporter(store, job.Id, totals.Run, time, cancellationToken);
        status.Report("Finishing");
        await type.FinalizeAsync(new JobContext(job, log, temp, status.Report, (result, ct) => SaveResultAsync(job.Id, totals.Run, result, ct)), totals.Counters, cancellationToken);
    }

    public async Task<JobRunOutcome> CompleteAsync(JobRunCompletion completion, CancellationToken cancellationToken)
    {
        JobRecord job = await store.GetAsync(completion.JobId, cancellationToken) ?? throw new JobNotFoundException(completion.JobId);
        if (job.Orchestration.Run != completion.Run)
        {
            // A newer run owns the row; this one has nothing left to record.
            return new JobRunOutcome(job.Id, job.Status, completion.Counters, job.Metadata.Error);
        }

        // A cancel written by the API stays a cancel, whatever the run got to.
        JobStatus status = job.Status == JobStatus.Cancelled ? JobStatus.Cancelled : completion.End switch
        {
            JobRunEnd.Finished => JobStatus.Completed,
            JobRunEnd.Cancelled => JobStatus.Cancelled,
            _ => JobStatus.Failed,
        };
        JobCounters counters = completion.Counters;
        string? error = status == JobStatus.Failed ? completion.Error ?? Summary(counters, completion.FailureExamples) : null;
        string? cleanup = null;
        if (status == JobStatus.Failed && completion.FailedItems.Count > 0)
        {
            await items.WriteFailedAsync(job.Id, new FailedItems(completion.Run, completion.ItemListRun, counters.Total, completion.FailedItems), cancellationToken);
        }
        else if (status != JobStatus.Failed)
        {
            int removed = await temp.DeleteAllAsync(job.Id, cancellationToken);
            cleanup = removed > 0 ? $"; {removed} temporary blobs removed" : null;
        }

        long now = time.GetUtcNow().ToUnixTimeMilliseconds();
        double seconds = (now - (job.StartedAt ?? now)) / 1000.0;
        string what = job.Type == JobTypeRegistry.Pipeline ? "stages" : "items";
        log.Info(job.Id, string.Create(CultureInfo.InvariantCulture, $"{status.ToWire()} after {seconds:0.0} s: {counters.Done} {what} done, {counters.Failed} failed")
            + cleanup + (error is null ? string.Empty : $": {error}"));
        // The log is complete before the row says the job ended: whoever sees the end reads every line.
        await log.FlushAsync(job.Id, cancellationToken);

        bool countsFiles = types.Find(job.Type)?.CountsFiles == true;
        JobRecord ended = await store.UpdateAsync(job.Id, j => j.Orchestration.Run != completion.Run ? j : j with
        {
            Status = j.Status == JobStatus.Cancelled ? JobStatus.Cancelled : status,
            CompletedAt = j.CompletedAt ?? now,
            Metadata = j.Metadata with
            {
                Error = j.Status == JobStatus.Cancelled ? null : error,
                Progress = JobProgress.Of(counters, countsFiles, (j.Status == JobStatus.Cancelled ? JobStatus.Cancelled : status) switch
                {
                    JobStatus.Completed => "Completed",
                    JobStatus.Cancelled => "Cancelled",
                    _ => "Failed",
                }),
            },
        }, cancellationToken);

        // A slot is free: start the next job now rather than at the next admission tick.
        await admission.TryAdmitAsync(cancellationToken);
        return new JobRunOutcome(ended.Id, ended.Status, counters, ended.Metadata.Error);
    }

    private Task SaveResultAsync(string jobId, int run, System.Text.Json.Nodes.JsonObject result, CancellationToken cancellationToken) =>
        store.UpdateAsync(jobId, j => j.Orchestration.Run != run ? j : j with { Metadata = j.Metadata with { Result = result } }, cancellationToken);

    private static string Summary(JobCounters counters, IReadOnlyList<string> examples) =>
        $"{counters.Failed} of {counters.Total} items failed" + (examples.Count > 0 ? $" ({string.Join("; ", examples)})" : string.Empty);
}
