using System.Text.Json.Nodes;
using SidFlow.Api.Http;
using SidFlow.Api.Problems;
using SidFlow.Api.Security;
using SidFlow.Core.Backup;

namespace SidFlow.Api.Operations;

/// <summary><c>POST /api/admin/backup</c>: a backup of the critical data into the <c>backups</c> container.</summary>
public static class BackupApi
{
    public static IEndpointRouteBuilder MapBackupApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/admin/backup", StartBackup).WithName(nameof(StartBackup)).WithTags("Operations").RequireAdminToken()
            .WithSummary("Back up feedback, models, audit and the jobs history, encrypted with SIDFLOW_BACKUP_KEY; {\"unencrypted\": true} only when asked. 409 without a key")
            .Accepts<JsonObject>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        return routes;
    }

    public static async Task<Results<Created<StoredBackup>, ProblemHttpResult>> StartBackup(HttpRequest request, BackupService backups, CancellationToken cancellationToken)
    {
        JsonObject body = await RequestJson.ReadOptionalObjectAsync(request, cancellationToken) ?? [];
        bool unencrypted = body["unencrypted"] switch
        {
            null => false,
            JsonValue v when v.TryGetValue(out bool b) => b,
            _ => throw new BadHttpRequestException("unencrypted must be true or false"),
        };
        byte[]? key = BackupKey.FromEnvironment();
        if (key is null && !unencrypted)
        {
            return ApiProblems.Conflict($"no backup key: set {BackupKey.Variable} on the server, or ask for {{\"unencrypted\": true}}");
        }

        StoredBackup stored = await backups.CreateStoredAsync(key, cancellationToken);
        return TypedResults.Created($"/api/admin/backup/{stored.Name}", stored);
    }
}
