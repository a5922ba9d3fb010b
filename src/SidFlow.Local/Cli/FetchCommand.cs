using System.CommandLine;
using System.Text.Json.Nodes;
using SidFlow.Core.Jobs;
using SidFlow.Pipeline.Jobs;

namespace SidFlow.Local.Cli;

/// <summary><c>./sidflow fetch [--source URL|PATH] [--force]</c>: a fetch job, followed until it ends.</summary>
public static class FetchCommand
{
    public static Command Create()
    {
        var source = new Option<string?>("--source") { Description = "Mirror URL, local folder of archives, an archive, an update folder or a C64Music tree (default: hvsc.mirror)" };
        var force = new Option<bool>("--force") { Description = "Install the newest base release even when one is installed" };
        var command = new Command("fetch", "Bring the collection up to the newest HVSC release") { source, force };
        command.SetAction(async (parse, ct) =>
        {
            await using AppSession session = await AppSession.OpenAsync(LogLevel.Warning, ct);
            await using EngineSession engine = await EngineSession.StartAsync(session, ct);
            return await RunAsync(engine.Jobs, parse.GetValue(source), parse.GetValue(force), "cli", ct, engine.Services);
        });
        return command;
    }

    /// <param name="audit">The verb's services, to audit the submission; null for callers that are not admin actions (benchmarks, up's pipeline).</param>
    public static async Task<int> RunAsync(JobService jobs, string? source, bool force, string createdBy, CancellationToken ct, IServiceProvider? audit = null)
    {
        JsonObject config = ConfigFor(source, force);
        try
        {
            JobRecord job = await CliAudit.SubmitAsync(jobs, audit, "fetch", config, createdBy, ct);
            return await JobFollower.FollowAsync(jobs, job.Id, ct);
        }
        catch (JobConfigException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }
    }

    /// <summary>A fetch job's config: a relative local source is taken from the working directory.</summary>
    public static JsonObject ConfigFor(string? source, bool force)
    {
        var config = new JsonObject { ["force"] = force };
        if (source is not null)
        {
            config["source"] = Path.IsPathRooted(source) || source.Contains("://", StringComparison.Ordinal) ? source : Path.GetFullPath(source);
        }

        return config;
    }
}
