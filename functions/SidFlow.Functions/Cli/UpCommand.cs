using System.CommandLine;
using SidFlow.Functions.Hosting;

namespace SidFlow.Functions.Cli;

/// <summary><c>./sidflow up</c>: storage, the app on 127.0.0.1, the main job, then serve until Ctrl-C.</summary>
public static class UpCommand
{
    public static Command Create()
    {
        var source = new Option<string?>("--source") { Description = "Where the collection comes from: a C64Music tree, archives, or a mirror URL (default: sidPath, else hvsc.mirror)" };
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1", DefaultValueFactory = _ => 7071 };
        var command = new Command("up", "Start storage and the app, run the main job, and serve until Ctrl-C") { source, port };
        command.SetAction(async (parse, ct) =>
        {
            await using AppSession session = await AppSession.OpenAsync(LogLevel.Warning, ct);
            if (session.UsesEmbeddedStorage)
            {
                Console.WriteLine($"Storage: Azurite with data in {session.Paths.AzuriteDirectory}");
            }

            if (AdminToken.CreateIfMissing(session.Paths.AdminTokenFile, AdminToken.EnvironmentToken) is { } created)
            {
                Console.WriteLine($"Admin token (shown once; stored in {session.Paths.AdminTokenFile}, owner-only):");
                Console.WriteLine($"  {created}");
            }

            string url = $"http://127.0.0.1:{parse.GetValue(port)}";
            WebApplication app = SidFlowWebApp.Build(new WebAppSettings(session.Configuration, session.Storage, session.AdminToken, url)
            {
                ConsoleLogLevel = LogLevel.Warning,
            });
            try
            {
                await app.StartAsync(ct);
            }
            catch (IOException ex)
            {
                Console.Error.WriteLine($"Cannot serve {url}: {ex.Message} Pass --port to use another port.");
                return 2;
            }

            Console.WriteLine($"Serving {url} (health: {url}/api/health, OpenAPI: {url}/openapi/v1.json)");

            // The main job: bring the collection up to date from --source, sidPath or the configured mirror.
            string? sourcePath = parse.GetValue(source) ?? session.Configuration["sidPath"];
            Console.WriteLine($"Main job: fetch from {sourcePath ?? app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SidFlow.Core.Fetch.FetchOptions>>().Value.Mirror}");
            var jobs = app.Services.GetRequiredService<SidFlow.Core.Jobs.JobService>();
            int exitCode = await FetchCommand.RunAsync(jobs, sourcePath, force: false, "up", ct);
            if (exitCode == 0)
            {
                // Then classify what is new; songs classified before are not done again.
                (exitCode, _) = await ClassifyCommand.RunAsync(new EngineSessionOrApp(jobs, app.Services), new System.Text.Json.Nodes.JsonObject(), "up", ct);
            }

            Console.WriteLine("Serving until Ctrl-C.");
            // The host's console lifetime takes SIGINT/SIGTERM and stops the app; the verb's token covers the rest.
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(ct, app.Lifetime.ApplicationStopping);
            try
            {
                await Task.Delay(Timeout.Infinite, stopping.Token);
            }
            catch (OperationCanceledException)
            {
                Console.WriteLine("Stopping.");
            }

            using var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await app.StopAsync(stopTimeout.Token);
            await app.DisposeAsync();
            return exitCode;
        });
        return command;
    }
}
