using Microsoft.Extensions.Options;
using SidFlow.Api.Security;
using SidFlow.Core.Alerts;
using SidFlow.Core.Backup;

namespace SidFlow.Api.Operations;

/// <summary><c>GET /api/admin/security</c>: the guide's security checklist as this instance is configured now (never a secret's value).</summary>
public static class SecurityApi
{
    public static IEndpointRouteBuilder MapSecurityApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/admin/security", GetSecurity).WithName(nameof(GetSecurity)).WithTags("Operations").RequireAdminToken()
            .WithSummary("The security checklist as configured: admin tokens (names), rate limits, headers, HTTPS, secrets, backup encryption, alerts, audit");
        return routes;
    }

    public static Ok<SecurityReport> GetSecurity(HttpContext http, AdminToken tokens, IOptions<SecurityOptions> security, IOptions<BackupOptions> backup, IOptions<AlertOptions> alerts, IEnumerable<IAlertChannel> channels)
    {
        bool backupKey = BackupKey.TryFromEnvironment(out _) is not null;
        SecurityOptions s = security.Value;
        return TypedResults.Ok(new SecurityReport(
            new AdminTokensReport(tokens.Names.Count(), [.. tokens.Names], "SHA-256 digests compared in constant time with every token"),
            new RateLimitReport(s.PublicRequestsPerMinute, s.FailedAdminAuthPerMinute, "per client address, per instance"),
            new HeadersReport(SecurityHeaders.ContentSecurityPolicy, "DENY", "nosniff", "no-referrer", http.Request.IsHttps ? SecurityHeaders.StrictTransportSecurity : "sent over HTTPS only"),
            new HttpsReport(http.Request.IsHttps, "infra: httpsOnly, minimum TLS 1.2, FTPS disabled"),
            new SecretsReport("literal secrets in .sidflow.json stop start-up", Environment.GetEnvironmentVariable("SIDFLOW_LISTENER_SALT") is { Length: > 0 } ? "environment" : "storage (state/listener-salt)"),
            new BackupReport(backupKey, backup.Value.RetentionDays),
            new AlertsReport(alerts.Value.Enabled, channels.Where(c => c.IsConfigured).Select(c => c.Name).ToArray()),
            "audit/admin-actions.jsonl"));
    }
}

public sealed record SecurityReport(AdminTokensReport AdminTokens, RateLimitReport RateLimits, HeadersReport Headers, HttpsReport Https, SecretsReport Secrets, BackupReport Backup, AlertsReport Alerts, string AuditTrail);

public sealed record AdminTokensReport(int Count, IReadOnlyList<string> Names, string Comparison);

public sealed record RateLimitReport(int PublicRequestsPerMinute, int FailedAdminAuthPerMinute, string Scope);

public sealed record HeadersReport(string ContentSecurityPolicy, string XFrameOptions, string XContentTypeOptions, string ReferrerPolicy, string StrictTransportSecurity);

public sealed record HttpsReport(bool ThisRequestIsHttps, string Deployment);

public sealed record SecretsReport(string ConfigurationFile, string ListenerSalt);

public sealed record BackupReport(bool KeyConfigured, int RetentionDays);

public sealed record AlertsReport(bool Enabled, IReadOnlyList<string> Channels);
