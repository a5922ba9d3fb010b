using SidFlow.Core.Operations;

namespace SidFlow.Api.Health;

public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/health", GetHealth)
            .WithName(nameof(GetHealth))
            .WithTags("Health")
            .WithSummary("Component health: 200 when healthy or degraded, 503 when unhealthy. ?scope=liveness answers without checking anything (the process serves); ?scope=readiness checks storage only (it can do work)")
            .Produces<HealthReport>()
            .Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return routes;
    }

    /// <summary>The checks readiness needs: without storage nothing works; a missing tool only limits what can be done.</summary>
    public const string ReadinessCheck = "storage";

    public static async Task<Results<JsonHttpResult<HealthReport>, ProblemHttpResult>> GetHealth(string? scope, IEnumerable<IComponentCheck> checks, TimeProvider time, CancellationToken cancellationToken)
    {
        IEnumerable<IComponentCheck>? chosen = scope switch
        {
            null or "" => checks,
            "liveness" => [],
            "readiness" => checks.Where(c => c.Name == ReadinessCheck),
            _ => null,
        };
        if (chosen is null)
        {
            return Problems.ApiProblems.BadRequest("scope must be liveness or readiness (or absent for every check)");
        }

        HealthReport report = await HealthReport.CollectAsync(chosen, time, TimeSpan.FromSeconds(10), cancellationToken);
        return TypedResults.Json(report, statusCode: report.Overall == HealthStatus.Unhealthy
            ? StatusCodes.Status503ServiceUnavailable
            : StatusCodes.Status200OK);
    }
}
