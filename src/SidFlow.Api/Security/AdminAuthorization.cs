namespace SidFlow.Api.Security;

/// <summary>
/// Every admin endpoint requires <c>Authorization: Bearer &lt;token&gt;</c>; anything else is 401. The check is
/// one function, applied by an endpoint filter on the local host and by a worker middleware in the Functions app.
/// </summary>
public static class AdminAuthorization
{
    /// <summary>Null when the request carries the admin token; otherwise the 401 to answer (and the challenge header is set).</summary>
    public static IResult? Check(HttpContext http, AdminToken token)
    {
        string? header = http.Request.Headers.Authorization;
        string? presented = header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..].Trim()
            : null;
        if (token.Matches(presented))
        {
            http.Items[ActorKey] = DefaultActor;
            return null;
        }

        http.Response.Headers.WWWAuthenticate = "Bearer";
        string detail = !token.IsConfigured
            ? "no admin token is configured on this server (set SIDFLOW_ADMIN_TOKEN)"
            : presented is null ? "send Authorization: Bearer <admin token>" : "the admin token is not valid";
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
    }

    /// <summary>Who the audit trail names for an admin request.</summary>
    public static string ActorOf(HttpContext http) => http.Items[ActorKey] as string ?? DefaultActor;

    public const string DefaultActor = "admin";
    private const string ActorKey = "sidflow.actor";

    public static TBuilder RequireAdminToken<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, AdminTokenFilter>()
            .WithMetadata(new AdminOnlyAttribute())
            .ProducesProblem(StatusCodes.Status401Unauthorized);

    private sealed class AdminTokenFilter(AdminToken token) : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
            Check(context.HttpContext, token) ?? await next(context);
    }
}

/// <summary>Marks an endpoint or a Functions HTTP trigger as admin-only: it answers 401 without the admin token.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class AdminOnlyAttribute : Attribute;
