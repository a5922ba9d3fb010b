using System.Text.Json.Serialization;
using SidFlow.Api.Catalog;
using SidFlow.Api.Classification;
using SidFlow.Api.Health;
using SidFlow.Api.Jobs;
using SidFlow.Api.Feedback;
using SidFlow.Api.Models;
using SidFlow.Api.Operations;
using SidFlow.Api.Metrics;
using SidFlow.Api.Render;
using SidFlow.Api.Telemetry;

namespace SidFlow.Api;

/// <summary>The HTTP API as a whole: the JSON and problem-details conventions both hosts apply, and every route group.</summary>
public static class SidFlowApi
{
    public static IServiceCollection AddSidFlowHttp(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        return services;
    }

    public static IEndpointRouteBuilder MapSidFlowApi(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthApi();
        routes.MapCatalogApi();
        routes.MapJobsApi();
        routes.MapJobSubmissionApi();
        routes.MapMetricsApi();
        routes.MapRenderApi();
        routes.MapAssetsApi();
        routes.MapClassificationApi();
        routes.MapFeedbackApi();
        routes.MapModelApi();
        routes.MapAuditApi();
        routes.MapBackupApi();
        routes.MapAlertsApi();
        routes.MapSecurityApi();
        routes.MapTelemetryApi();
        return routes;
    }
}
