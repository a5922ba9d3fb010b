using SidFlow.Api.Security;
using SidFlow.Core.Alerts;

namespace SidFlow.Api.Operations;

/// <summary><c>POST /api/admin/alerts/test</c>: a test alert through every configured channel.</summary>
public static class AlertsApi
{
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/admin/alerts/test", SendTestAlert).WithName(nameof(SendTestAlert)).WithTags("Operations").RequireAdminToken()
            .WithSummary("Send a test alert to the webhook, the e-mail recipients and the audit trail; what each channel said (delivered, not configured, or why not)");
        return routes;
    }

    public static async Task<Ok<IReadOnlyDictionary<string, string>>> SendTestAlert(HttpContext http, AlertMonitor alerts, CancellationToken cancellationToken) =>
        TypedResults.Ok(await alerts.SendTestAsync(AdminAuthorization.ActorOf(http), cancellationToken));
}
