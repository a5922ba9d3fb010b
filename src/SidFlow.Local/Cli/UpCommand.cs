using System.CommandLine;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SidFlow.Api.Security;
using SidFlow.Core.Classification;
using SidFlow.Core.Fetch;
using SidFlow.Core.Jobs;
using SidFlow.Local.Hosting;
using SidFlow.Pipeline.Activities;
using SidFlow.Pipeline.Jobs;

namespace SidFlow.Local.Cli;

/// <summary><c>./sidflow up</c>: storage, the app on 127.0.0.1, the main job, then serve until Ctrl-C.</summary>
public static class UpCommand
{
    private static async Task<int> RunMainJobAsync(IServiceProvider services, string? source, CancellationToken ct)
    {
        await using AsyncServiceScope scope = services.CreateAsyncScope();
        JobService jobs = scope.ServiceProvider.GetRequiredService<JobService>();
        var stages = new JsonObject
        {
            ["stages"] = new JsonArray(
                new JsonObject { ["type"] = "fetch", ["config"] = FetchCommand.ConfigFor(source, force: false) },
                new JsonObject { ["type"] = "classify", ["config"] = new JsonObject() }),
        };
        JobRecord pipeline;
        try
        {
            pipeline = await jobs.SubmitAsync(JobTypeRegistry.Pipeline, stages, JobPriority.High, "up", ct);
        }
        catch (JobConfigException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }

        int exit = await JobFollower.FollowAsync(jobs, pipeline.Id, ct);
        string classify = PipelineStages.StageJobId(pipeline.Id, 1);
        if (await jobs.GetAsync(classify, ct) is not null)
        {
            (exit, _) = await ClassifyCommand.ReportAsync(jobs, scope.ServiceProvider.GetRequiredService<IClassificationStore>(), classify, ct);
        }

        return exit;
    }

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

            if (AdminTokenFile.CreateIfMissing(session.Paths.AdminTokenFile, AdminToken.EnvironmentToken) is { } created)
            {
                Console.WriteLine($"Admin token (shown once; stored in {session.Paths.AdminTokenFile}, owner-only):");
                Console.WriteLine($"  {created}");
            }

            string url = $"http://127.0.0.1:{parse.GetValue(port)}";
            WebApplication app = LocalWebApp.Build(new WebAppSettings(session.Configuration, session.Storage, session.AdminToken, url)
            {
                ConsoleLogLevel = LogLevel.Warning,
                AccessLogDirectory = session.Paths.LogDirectory,
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

            // The main job: bring the collection up to date from --source, sidPath or the configured mirror, then
            // classify what is new (songs classified before are not done again): one pipeline of two stages.
            string? sourcePath = parse.GetValue(source) ?? session.Configuration["sidPath"];
            Console.WriteLine($"Main job: fetch from {sourcePath ?? app.Services.GetRequiredService<IOptions<FetchOptions>>().Value.Mirror}, then classify");
            int exitCode = await RunMainJobAsync(app.Services, sourcePath, ct);

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
