using System.Text.Json.Serialization;
using SidFlow.Functions.Api;
using SidFlow.Functions.Jobs;
using SidFlow.Functions.Triggers;
using SidFlow.Storage;

namespace SidFlow.Functions.Hosting;

/// <summary>The ASP.NET Core app: the HTTP API and the custom-handler trigger endpoints.</summary>
public static class SidFlowWebApp
{
    public static WebApplication Build(WebAppSettings settings)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration.AddConfiguration(settings.Configuration);
        builder.WebHost.UseUrls(settings.Url);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.SetMinimumLevel(settings.ConsoleLogLevel);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Azure", LogLevel.Warning);

        builder.Services.AddSidFlow(settings.Configuration, settings.Storage, settings.AdminToken);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        builder.Services.AddSingleton<StorageReadiness>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StorageReadiness>());
        builder.Services.AddSingleton(settings);
        if (settings.RunJobEngine)
        {
            builder.Services.AddHostedService<JobEngineService>();
        }

        builder.Services.AddHostedService<SidFlow.Functions.Classification.SimilarityIndexService>();

        settings.ConfigureServices?.Invoke(builder.Services);
        WebApplication app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        app.MapHealthEndpoints();
        app.MapCatalogEndpoints();
        app.MapJobEndpoints();
        app.MapJobSubmissionEndpoints();
        app.MapMetricsEndpoints();
        SidFlow.Functions.Render.RenderEndpoints.MapRenderEndpoints(app);
        SidFlow.Functions.Classification.ClassificationEndpoints.MapClassificationEndpoints(app);
        app.MapFunctionTriggers(app.Services.GetServices<IFunctionTrigger>());
        return app;
    }
}
