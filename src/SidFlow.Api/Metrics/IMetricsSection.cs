namespace SidFlow.Api.Metrics;

/// <summary>One section of <c>GET /api/admin/metrics</c> (jobs, cache, sync, ...).</summary>
public interface IMetricsSection
{
    string Name { get; }

    Task<object> CollectAsync(CancellationToken cancellationToken);
}
