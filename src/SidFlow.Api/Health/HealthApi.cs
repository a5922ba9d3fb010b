using SidFlow.Core.Operations;

namespace SidFlow.Api.Health;

public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/health", GetHealth)
            .WithName(nameof(GetHealth))
            .WithTags("Health")
            .WithSummary("Component health: 200 when healthy or degraded, 503 when unhealthy.")
            .Produces<HealthReport>()
            .Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    public static async Task<JsonHttpResult<HealthReport>> GetHealth(IEnumerable<IComponentCheck> checks, TimeProvider time, CancellationToken cancellationToken)
    {
        HealthReport report = await HealthReport.CollectAsync(checks, time, TimeSpan.FromSeconds(10), cancellationToken);
        return TypedResults.Json(report, statusCode: report.Overall == HealthStatus.Unhealthy
            ? StatusCodes.Status503ServiceUnavailable
            : StatusCodes.Status200OK);
    }
}
