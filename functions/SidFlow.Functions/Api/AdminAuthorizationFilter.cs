using SidFlow.Functions.Hosting;

namespace SidFlow.Functions.Api;

/// <summary>Every admin endpoint requires <c>Authorization: Bearer &lt;token&gt;</c>; anything else is 401.</summary>
public sealed class AdminAuthorizationFilter(AdminToken token) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        string? header = context.HttpContext.Request.Headers.Authorization;
        string? presented = header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..].Trim()
            : null;
        if (token.Matches(presented))
        {
            return await next(context);
        }

        context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
        string detail = !token.IsConfigured
            ? "no admin token is configured on this server (set SIDFLOW_ADMIN_TOKEN)"
            : presented is null ? "send Authorization: Bearer <admin token>" : "the admin token is not valid";
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
    }
}

public static class AdminAuthorizationExtensions
{
    public static TBuilder RequireAdminToken<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, AdminAuthorizationFilter>();
}
