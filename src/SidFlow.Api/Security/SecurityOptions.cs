namespace SidFlow.Api.Security;

/// <summary>The <c>security</c> section: request limits per client (by remote address; each instance counts its own).</summary>
public sealed class SecurityOptions
{
    public const string Section = "security";

    /// <summary>Requests a client may make to the public routes per minute (health probes are not counted); 0 turns the limit off.</summary>
    public int PublicRequestsPerMinute { get; set; } = 1200;

    /// <summary>Failed admin authentications a client may make per minute; beyond that every admin request answers 429 until the minute is over.</summary>
    public int FailedAdminAuthPerMinute { get; set; } = 10;

    /// <summary>
    /// Behind a TLS-terminating proxy on this host (its <c>X-Forwarded-Proto</c> trusted from loopback only): plain
    /// HTTP requests are redirected to HTTPS, and HTTPS ones get HSTS. Azure's <c>httpsOnly</c> does this for the
    /// Functions app.
    /// </summary>
    public bool HttpsRedirect { get; set; }

    /// <summary>The port redirects point to.</summary>
    public int HttpsPort { get; set; } = 443;
}
