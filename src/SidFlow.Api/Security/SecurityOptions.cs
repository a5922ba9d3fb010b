namespace SidFlow.Api.Security;

/// <summary>The <c>security</c> section: request limits per client (by remote address; each instance counts its own).</summary>
public sealed class SecurityOptions
{
    public const string Section = "security";

    /// <summary>Requests a client may make to the public routes per minute (health probes are not counted); 0 turns the limit off.</summary>
    public int PublicRequestsPerMinute { get; set; } = 1200;

    /// <summary>Failed admin authentications a client may make per minute; beyond that every admin request answers 429 until the minute is over.</summary>
    public int FailedAdminAuthPerMinute { get; set; } = 10;
}
