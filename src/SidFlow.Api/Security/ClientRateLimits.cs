using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace SidFlow.Api.Security;

/// <summary>
/// The request limits of <see cref="SecurityOptions"/>, per client address, in fixed one-minute windows: one for
/// public routes, a stricter one for failed admin authentication. Both hosts use this one instance, so the local
/// ASP.NET Core rate limiter and the Functions middleware count alike.
/// </summary>
public sealed class ClientRateLimits : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly PartitionedRateLimiter<string> _failedAuth;

    public ClientRateLimits(IOptions<SecurityOptions> options)
    {
        SecurityOptions o = options.Value;
        int perMinute = o.PublicRequestsPerMinute;
        Public = PartitionedRateLimiter.Create<HttpContext, string>(http => perMinute <= 0 || IsExempt(http.Request.Path)
            ? RateLimitPartition.GetNoLimiter(string.Empty)
            : RateLimitPartition.GetFixedWindowLimiter(ClientOf(http), _ => Fixed(perMinute)));
        _failedAuth = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client, _ => Fixed(Math.Max(1, o.FailedAdminAuthPerMinute))));
    }

    /// <summary>The public routes' limiter (the local host's ASP.NET Core rate limiter runs it as its global limiter).</summary>
    public PartitionedRateLimiter<HttpContext> Public { get; }

    /// <summary>The address a client is counted under.</summary>
    public static string ClientOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>Whether a public request may go on; when not, how long until it may.</summary>
    public RateDecision TakePublic(HttpContext http)
    {
        using RateLimitLease lease = Public.AttemptAcquire(http);
        return Decision(lease);
    }

    /// <summary>Whether the client has used up its failed authentications of this minute.</summary>
    public RateDecision CheckAdminLockout(HttpContext http)
    {
        string client = ClientOf(http);
        if (_failedAuth.GetStatistics(client)?.CurrentAvailablePermits is not 0)
        {
            return RateDecision.Allowed;
        }

        using RateLimitLease lease = _failedAuth.AttemptAcquire(client);
        return Decision(lease);
    }

    /// <summary>Counts a failed admin authentication; refused when it was one too many.</summary>
    public RateDecision CountFailedAdminAuth(HttpContext http)
    {
        using RateLimitLease lease = _failedAuth.AttemptAcquire(ClientOf(http));
        return Decision(lease);
    }

    public void Dispose()
    {
        Public.Dispose();
        _failedAuth.Dispose();
    }

    /// <summary>Admin routes have their own limit; probes must answer whatever a client did; the web app's static files are not the API.</summary>
    private static bool IsExempt(PathString path) =>
        !path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/api/admin", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/api/health", StringComparison.OrdinalIgnoreCase);

    private static FixedWindowRateLimiterOptions Fixed(int permits) => new()
    {
        PermitLimit = permits,
        Window = Window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    public static RateDecision Decision(RateLimitLease lease) =>
        lease.IsAcquired ? RateDecision.Allowed
        : new RateDecision(false, lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan after) ? after : Window);
}

/// <param name="RetryAfter">When refused: how long until the client's window starts again.</param>
public readonly record struct RateDecision(bool IsAllowed, TimeSpan RetryAfter)
{
    public static RateDecision Allowed { get; } = new(true, TimeSpan.Zero);

    /// <summary>The 429 problem with <c>Retry-After</c> in whole seconds (at least 1).</summary>
    public IResult ToResult(HttpContext http, string detail)
    {
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Too Many Requests");
    }
}
