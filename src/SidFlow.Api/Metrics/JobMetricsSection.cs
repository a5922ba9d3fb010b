using SidFlow.Core.Jobs;

namespace SidFlow.Api.Metrics;

/// <summary>The <c>jobs</c> section: counts by status and durations of completed jobs.</summary>
public sealed class JobMetricsSection(IJobStore jobs) : IMetricsSection
{
    public string Name => "jobs";

    public async Task<object> CollectAsync(CancellationToken cancellationToken) =>
        JobStatistics.From(await jobs.ListAsync(null, null, cancellationToken));
}
