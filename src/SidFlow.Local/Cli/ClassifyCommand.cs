using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using SidFlow.Core.Classification;
using SidFlow.Core.Jobs;
using SidFlow.Pipeline.Jobs;

namespace SidFlow.Local.Cli;

/// <summary><c>./sidflow classify [PATH] [--sample N] [--validate]</c>: a classify job, followed until it ends.</summary>
public static class ClassifyCommand
{
    public static Command Create()
    {
        var path = new Argument<string?>("path") { Description = "A SID file or folder of the collection (default: everything)", Arity = ArgumentArity.ZeroOrOne };
        var sample = new Option<int?>("--sample") { Description = "Classify N songs picked at random" };
        var validate = new Option<bool>("--validate") { Description = "With --sample: how far the model's ratings are from the heuristic's and from explicit ratings" };
        var threads = new Option<int?>("--threads") { Description = "Songs at once (default: threads in .sidflow.json)" };
        var force = new Option<bool>("--force") { Description = "Classify again songs already classified" };
        var command = new Command("classify", "Classify songs: features, energy/mood/complexity ratings, similarity") { path, sample, validate, threads, force };
        command.SetAction(async (parse, ct) =>
        {
            var config = new JsonObject { ["sidPath"] = parse.GetValue(path) ?? string.Empty, ["validate"] = parse.GetValue(validate), ["force"] = parse.GetValue(force) };
            if (parse.GetValue(sample) is int n)
            {
                config["sample"] = n;
            }

            if (parse.GetValue(threads) is int t)
            {
                config["threads"] = t;
            }

            await using AppSession session = await AppSession.OpenAsync(LogLevel.Warning, ct);
            await using EngineSession engine = await EngineSession.StartAsync(session, ct);
            try
            {
                (int exit, _) = await RunAsync(engine.Jobs, engine.Services.GetRequiredService<IClassificationStore>(), config, "cli", ct, engine.Services);
                return exit;
            }
            catch (JobConfigException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 2;
            }
        });
        return command;
    }

    /// <summary>Runs a classify job to its end and prints how many songs were classified, how fast, and any validation report.</summary>
    /// <param name="audit">The verb's services, to audit the submission; null for benchmarks.</param>
    public static async Task<(int Exit, JobRecord Job)> RunAsync(JobService jobs, IClassificationStore classified, JsonObject config, string createdBy, CancellationToken ct, IServiceProvider? audit = null)
    {
        JobRecord job = await CliAudit.SubmitAsync(jobs, audit, "classify", config, createdBy, ct);
        return await ReportAsync(jobs, classified, job.Id, ct);
    }

    /// <summary>Follows a classify job (or a pipeline's classify stage) to its end and prints what it did.</summary>
    public static async Task<(int Exit, JobRecord Job)> ReportAsync(JobService jobs, IClassificationStore classified, string jobId, CancellationToken ct)
    {
        int exit = await JobFollower.FollowAsync(jobs, jobId, ct);
        JobRecord done = (await jobs.GetAsync(jobId, ct))!;
        double seconds = ((done.CompletedAt ?? 0) - (done.StartedAt ?? 0)) / 1000.0;
        long songs = done.Metadata.Progress.Current - (done.Metadata.Progress.FailedItems ?? 0);
        Console.WriteLine($"Classified {songs} songs in {seconds:0.0} s ({(seconds > 0 ? songs / seconds : 0):0.00} songs/s); {await classified.CountAsync(ct)} songs classified in all");
        if (done.Metadata.Result?["validation"] is { } validation)
        {
            Console.WriteLine(validation.Deserialize<ValidationReport>(new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        }

        return (exit, done);
    }
}
