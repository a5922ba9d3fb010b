using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SidFlow.Api;

/// <summary>The OpenAPI document's description of the service as a whole: what it is, how it runs, how admins authenticate.</summary>
public static class SidFlowOpenApi
{
    public static IServiceCollection AddSidFlowOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options => options.AddOperationTransformer((operation, context, cancellationToken) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<SidFlow.Api.Security.AdminOnlyAttribute>().Any())
            {
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("adminToken", context.Document)] = [] }];
            }

            return Task.CompletedTask;
        }).AddDocumentTransformer((document, context, cancellationToken) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "SidFlow",
                Version = "v1",
                Description = "The High Voltage SID Collection as a music service: fetch, render, classify, stations, jobs. "
                    + "The same handlers serve this API on the local host (ASP.NET Core) and in the Azure Functions app (one HTTP trigger per route); "
                    + "jobs run as Durable orchestrations. Admin routes need the bearer token; errors are RFC 9457 problem details, "
                    + "except the render-mode error, which keeps the guide's error/details/suggestions.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["adminToken"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "Authorization: Bearer <admin token> (SIDFLOW_ADMIN_TOKEN, or data/admin-token locally)",
            };
            return Task.CompletedTask;
        }));
}
