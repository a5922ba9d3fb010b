using SidFlow.Core.Operations;

namespace SidFlow.Functions.Api;

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/health", async (IEnumerable<IComponentCheck> checks, TimeProvider time, CancellationToken ct) =>
        {
            HealthReport report = await HealthReport.CollectAsync(checks, time, TimeSpan.FromSeconds(10), ct);
            return Results.Json(report, statusCode: report.Overall == HealthStatus.Unhealthy
                ? StatusCodes.Status503ServiceUnavailable
                : StatusCodes.Status200OK);
        })
        .WithName("GetHealth")
        .WithTags("Health")
        .WithSummary("Component health: 200 when healthy or degraded, 503 when unhealthy.")
        .Produces<HealthReport>()
        .Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }
}
