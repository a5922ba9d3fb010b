using SidFlow.Core.Jobs;

namespace SidFlow.Functions.Api;

public static class MetricsEndpoints
{
    public static IEndpointRouteBuilder MapMetricsEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/admin/metrics", async (IEnumerable<IMetricsSection> sections, CancellationToken ct) =>
        {
            IMetricsSection[] all = sections.ToArray();
            object[] values = await Task.WhenAll(all.Select(s => s.CollectAsync(ct)));
            var result = new Dictionary<string, object>(StringComparer.Ordinal);
            for (int i = 0; i < all.Length; i++)
            {
                result[all[i].Name] = values[i];
            }

            return TypedResults.Ok(result);
        })
        .WithTags("Operations")
        .WithName("GetMetrics")
        .WithSummary("Operational KPIs by section")
        .RequireAdminToken();
        return routes;
    }
}

/// <summary>The <c>jobs</c> section: counts by status and durations of completed jobs.</summary>
public sealed class JobMetricsSection(IJobStore jobs) : IMetricsSection
{
    public string Name => "jobs";

    public async Task<object> CollectAsync(CancellationToken cancellationToken) =>
        JobStatistics.From(await jobs.ListAsync(null, null, cancellationToken));
}
