namespace SidFlow.Api.Security;

/// <summary>
/// Every admin endpoint requires <c>Authorization: Bearer &lt;token&gt;</c>; anything else is 401. The check is
/// one function, applied by an endpoint filter on the local host and by a worker middleware in the Functions app.
/// </summary>
public static class AdminAuthorization
{
    /// <summary>
    /// Null when the request carries an admin token (its name becomes the request's actor); otherwise the answer:
    /// 401 with the challenge header, or 429 with <c>Retry-After</c> once the client has failed too often this minute.
    /// </summary>
    public static IResult? Check(HttpContext http, AdminToken token)
    {
        ClientRateLimits? limits = http.RequestServices.GetService<ClientRateLimits>();
        if (limits?.CheckAdminLockout(http) is { IsAllowed: false } locked)
        {
            return locked.ToResult(http, "too many failed admin authentications from this client; try again later");
        }

        string? header = http.Request.Headers.Authorization;
        string? presented = header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..].Trim()
            : null;
        if (token.NameOf(presented) is { } name)
        {
            http.Items[ActorKey] = name;
            return null;
        }

        if (limits?.CountFailedAdminAuth(http) is { IsAllowed: false } refused)
        {
            return refused.ToResult(http, "too many failed admin authentications from this client; try again later");
        }

        http.Response.Headers.WWWAuthenticate = "Bearer";
        string detail = !token.IsConfigured
            ? "no admin token is configured on this server (set SIDFLOW_ADMIN_TOKEN or SIDFLOW_ADMIN_TOKENS)"
            : presented is null ? "send Authorization: Bearer <admin token>" : "the admin token is not valid";
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
    }

    /// <summary>Who the audit trail names for an admin request.</summary>
    public static string ActorOf(HttpContext http) => http.Items[ActorKey] as string ?? DefaultActor;

    public const string DefaultActor = AdminToken.DefaultName;
    private const string ActorKey = "sidflow.actor";

    public static TBuilder RequireAdminToken<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, AdminTokenFilter>()
            .AddEndpointFilter<TBuilder, AdminAudit.Filter>()
            .WithMetadata(new AdminOnlyAttribute())
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private sealed class AdminTokenFilter(AdminToken token) : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
            Check(context.HttpContext, token) ?? await next(context);
    }
}

/// <summary>Marks an endpoint or a Functions HTTP trigger as admin-only: it answers 401 without the admin token.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class AdminOnlyAttribute : Attribute;
