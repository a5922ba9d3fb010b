using SidFlow.Api;
using SidFlow.Api.Composition;
using Microsoft.AspNetCore.RateLimiting;
using SidFlow.Api.Metrics;
using SidFlow.Api.Problems;
using SidFlow.Api.Security;

namespace SidFlow.Local.Hosting;

/// <summary>The local host: the API served by ASP.NET Core, and the job engine on the Durable Task Framework in the same process.</summary>
public static class LocalWebApp
{
    public static WebApplication Build(WebAppSettings settings)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration.AddConfiguration(settings.Configuration);
        builder.WebHost.UseUrls(settings.Url);
        builder.Logging.AddSidFlowConsole(settings.ConsoleLogLevel);

        builder.Services.AddSidFlow(settings.Configuration, settings.Storage, settings.AdminToken);
        builder.Services.AddLocalJobEngine(settings.RunJobEngine);
        builder.Services.AddSidFlowHttp();
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.AddSidFlowOpenApi();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<ClientRateLimits>((o, limits) =>
        {
            o.GlobalLimiter = limits.Public;
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (rejected, _) => new ValueTask(ClientRateLimits.Decision(rejected.Lease)
                .ToResult(rejected.HttpContext, "too many requests from this client; try again later").ExecuteAsync(rejected.HttpContext));
        });
        settings.ConfigureServices?.Invoke(builder.Services);

        WebApplication app = builder.Build();
        ServiceMetrics metrics = app.Services.GetRequiredService<ServiceMetrics>();
        app.Use(async (http, next) =>
        {
            SecurityHeaders.AddOnStarting(http);
            long start = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                await next(http);
            }
            finally
            {
                metrics.ObserveRequest(http.Request.Method, http.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName,
                    http.Response.StatusCode, System.Diagnostics.Stopwatch.GetElapsedTime(start));
            }
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRateLimiter();
        app.MapOpenApi();
        app.MapSidFlowApi();
        return app;
    }
}
