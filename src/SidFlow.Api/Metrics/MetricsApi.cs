using SidFlow.Api.Security;

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
        return routes;
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
