using SidFlow.Api;
using SidFlow.Api.Composition;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using SidFlow.Api.Http;
using SidFlow.Api.Metrics;
using SidFlow.Api.Problems;
using SidFlow.Api.Security;

namespace SidFlow.Local.Hosting;

/// <summary>The local host: the API and the web app's pages served by ASP.NET Core, and the job engine on the Durable Task Framework in the same process.</summary>
public static class LocalWebApp
{
    public static WebApplication Build(WebAppSettings settings)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = WebAppPages.ApplicationName });
        builder.Configuration.AddConfiguration(settings.Configuration);
        builder.WebHost.UseUrls(settings.Url);
        builder.AddWebAppPages();
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
        if (settings.AccessLogDirectory is { } logs)
        {
            builder.Services.AddSingleton(sp => new FileAccessLog(logs, sp.GetRequiredService<TimeProvider>()));
            builder.Services.AddSingleton<IAccessLog>(sp => sp.GetRequiredService<FileAccessLog>());
            builder.Services.AddHostedService(sp => sp.GetRequiredService<FileAccessLog>());
        }

        settings.ConfigureServices?.Invoke(builder.Services);

        SecurityOptions security = settings.Configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        if (security.HttpsRedirect)
        {
            // Only loopback proxies are trusted (the defaults), so a client cannot claim HTTPS itself.
            builder.Services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedFor);
            builder.Services.AddHttpsRedirection(o => o.HttpsPort = security.HttpsPort);
        }

        WebApplication app = builder.Build();
        if (security.HttpsRedirect)
        {
            app.UseForwardedHeaders();
        }

        app.Use(RecordRequests(app.Services));
        if (security.HttpsRedirect)
        {
            app.UseHttpsRedirection();
        }

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRateLimiter();
        app.MapOpenApi();
        app.MapSidFlowApi();
        app.MapWebAppPages();
        return app;
    }

    /// <summary>
    /// Around every request: the security headers (added as the response starts, so error pages keep them), the
    /// request counted for Prometheus, and its access log line.
    /// </summary>
    private static Func<HttpContext, RequestDelegate, Task> RecordRequests(IServiceProvider services)
    {
        ServiceMetrics metrics = services.GetRequiredService<ServiceMetrics>();
        IAccessLog? access = services.GetService<IAccessLog>();
        TimeProvider time = services.GetRequiredService<TimeProvider>();
        return async (http, next) =>
        {
            SecurityHeaders.AddOnStarting(http);
            long start = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                await next(http);
            }
            finally
            {
                TimeSpan took = System.Diagnostics.Stopwatch.GetElapsedTime(start);
                Endpoint? endpoint = http.GetEndpoint();
                string? handler = endpoint?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
                metrics.ObserveRequest(http.Request.Method, handler, http.Response.StatusCode, took);
                access?.Write(new AccessLogEntry(time.GetUtcNow(), http.Request.Method, (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)",
                    handler ?? "unmatched", http.Response.StatusCode, Math.Round(took.TotalMilliseconds, 2)));
            }
        };
    }
}
