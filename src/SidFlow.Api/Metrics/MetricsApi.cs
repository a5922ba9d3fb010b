using SidFlow.Api.Security;
using SidFlow.Core.Alerts;
using SidFlow.Core.Jobs;
using SidFlow.Core.Models;

namespace SidFlow.Api.Metrics;

public static class MetricsApi
{
    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/admin/metrics", GetMetrics)
            .WithName(nameof(GetMetrics))
            .WithTags("Operations")
            .WithSummary("Operational KPIs by section: jobs, sync, cache")
            .RequireAdminToken();
        routes.MapGet("/api/metrics", GetPrometheusMetrics)
            .WithName(nameof(GetPrometheusMetrics))
            .WithTags("Operations")
            .WithSummary("Prometheus text exposition: jobs by status, cache, sync, HTTP requests and latency by handler, model predictions")
            .Produces(StatusCodes.Status200OK, contentType: ServiceMetrics.ContentType)
            .RequireAdminToken();
        return routes;
    }

    public static async Task<FileContentHttpResult> GetPrometheusMetrics(ServiceMetrics metrics, IEnumerable<IMetricsSection> sections, ModelMonitor model, AlertMonitor alerts, CancellationToken cancellationToken)
    {
        IMetricsSection[] all = sections.ToArray();
        Task<object> jobs = all.OfType<JobMetricsSection>().Single().CollectAsync(cancellationToken);
        Task<object> cache = all.OfType<CacheMetricsSection>().Single().CollectAsync(cancellationToken);
        Task<object> sync = all.OfType<SyncMetricsSection>().Single().CollectAsync(cancellationToken);
        await Task.WhenAll(jobs, cache, sync);
        using var text = new MemoryStream();
        await metrics.WriteAsync(text, (JobStatistics)await jobs, (CacheMetrics)await cache, (SyncMetrics)await sync, model, alerts.FiringByComponent, cancellationToken);
        return TypedResults.Bytes(text.ToArray(), ServiceMetrics.ContentType);
    }

    public static async Task<Ok<Dictionary<string, object>>> GetMetrics(IEnumerable<IMetricsSection> sections, CancellationToken cancellationToken)
    {
        IMetricsSection[] all = sections.ToArray();
        object[] values = await Task.WhenAll(all.Select(s => s.CollectAsync(cancellationToken)));
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        for (int i = 0; i < all.Length; i++)
        {
            result[all[i].Name] = values[i];
        }

        return TypedResults.Ok(result);
    }
}
