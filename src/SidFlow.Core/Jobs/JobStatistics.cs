namespace SidFlow.Core.Jobs;

/// <summary>The <c>jobs</c> section of <c>GET /api/admin/metrics</c>.</summary>
public sealed record JobStatistics(long Pending, long Running, long Paused, long Completed, long Failed, long Cancelled, long TotalDurationMs, long AvgDurationMs)
{
    public static JobStatistics From(IReadOnlyCollection<JobRecord> jobs)
    {
        long Count(JobStatus s) => jobs.Count(j => j.Status == s);
        long[] durations = jobs.Where(j => j.Status == JobStatus.Completed && j.StartedAt is not null && j.CompletedAt is not null)
            .Select(j => j.CompletedAt!.Value - j.StartedAt!.Value).ToArray();
        long total = durations.Sum();
        return new JobStatistics(
            Count(JobStatus.Pending), Count(JobStatus.Running), Count(JobStatus.Paused), Count(JobStatus.Completed),
            Count(JobStatus.Failed), Count(JobStatus.Cancelled), total, durations.Length == 0 ? 0 : total / durations.Length);
    }
}
