using SidFlow.Api;
using SidFlow.Api.Composition;
using SidFlow.Api.Problems;

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
        settings.ConfigureServices?.Invoke(builder.Services);

        WebApplication app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        app.MapSidFlowApi();
        return app;
    }
}
