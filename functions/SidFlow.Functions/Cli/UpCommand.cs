using System.CommandLine;
using SidFlow.Core.Collection;
using SidFlow.Functions.Hosting;

namespace SidFlow.Functions.Cli;

/// <summary><c>./sidflow up</c>: storage, the app on 127.0.0.1, the main job, then serve until Ctrl-C.</summary>
public static class UpCommand
{
    public static Command Create()
    {
        var source = new Option<string?>("--source") { Description = "A local HVSC tree to import (default: sidPath in .sidflow.json)" };
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

            string? sourcePath = parse.GetValue(source) ?? session.Configuration["sidPath"];
            int exitCode = 0;
            if (string.IsNullOrWhiteSpace(sourcePath))
            {
                Console.WriteLine("No collection source: pass --source DIR or set sidPath in .sidflow.json");
            }
            else
            {
                try
                {
                    await ImportCommand.RunImportAsync(app.Services.GetRequiredService<CollectionImporter>(), sourcePath, ct);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    Console.Error.WriteLine($"Import failed: {ex.Message}");
                    exitCode = 1;
                }
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
