using System.Globalization;
using SidFlow.Api.Problems;
using SidFlow.Api.Security;
using SidFlow.Core.Operations;

namespace SidFlow.Api.Operations;

/// <summary><c>GET /api/admin/audit</c>: the audit trail read back.</summary>
public static class AuditApi
{
    public const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/admin/audit", GetAudit).WithName(nameof(GetAudit)).WithTags("Operations").RequireAdminToken()
            .WithSummary("Admin actions, oldest first: ?action= (a prefix such as model.), ?since= (ISO 8601), ?limit= (1..1000, default 100; the newest)")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return routes;
    }

    public static async Task<Results<Ok<IReadOnlyList<AuditEntry>>, ProblemHttpResult>> GetAudit(string? action, string? since, string? limit, IAuditLog audit, CancellationToken cancellationToken)
    {
        DateTimeOffset? from = null;
        if (since is not null)
        {
            if (!DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed))
            {
                return ApiProblems.BadRequest("since must be an ISO 8601 time");
            }

            from = parsed;
        }

        int count = 100;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxLimit))
        {
            return ApiProblems.BadRequest($"limit must be a whole number 1..{MaxLimit}");
        }

        return TypedResults.Ok(await audit.ReadAsync(string.IsNullOrEmpty(action) ? null : action, from, count, cancellationToken));
    }
}
