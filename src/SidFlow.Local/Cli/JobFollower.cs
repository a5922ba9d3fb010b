using SidFlow.Core.Jobs;

namespace SidFlow.Local.Cli;

/// <summary>Shows a job's progress (a pipeline's: its running stage's) until it ends; the exit code says how it ended (0 completed).</summary>
public static class JobFollower
{
    public static async Task<int> FollowAsync(JobService jobs, string jobId, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        JobRecord final = await ProgressDisplay.RunAsync(jobId, progress =>
            jobs.WaitAsync(jobId, timeout ?? TimeSpan.FromDays(7), async (job, ct) =>
            {
                JobRecord shown = job.Orchestration.StageJobId is { } stage && !job.Status.IsTerminal() ? await jobs.GetAsync(stage, ct) ?? job : job;
                JobProgress p = shown.Metadata.Progress;
                string prefix = ReferenceEquals(shown, job) ? string.Empty : $"{shown.Type}: ";
                progress.Report(new ProgressUpdate(p.Current, Math.Max(p.Total, 1), $"{prefix}{shown.Status.ToWire()} {p.Message}"));
            }, cancellationToken));
        Console.WriteLine(Describe(final));
        return final.Status == JobStatus.Completed ? 0 : 1;
    }

    public static string Describe(JobRecord job)
    {
        JobProgress p = job.Metadata.Progress;
        double seconds = ((job.CompletedAt ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()) - (job.StartedAt ?? job.CreatedAt)) / 1000.0;
        string line = $"{job.Id}: {job.Status.ToWire()}, {p.Current}/{p.Total} items in {seconds:0.0} s";
        return job.Metadata.Error is { } error ? $"{line}\n  error: {error}" : line;
    }
}
