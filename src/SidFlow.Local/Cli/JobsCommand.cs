using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using SidFlow.Core.Jobs;
using SidFlow.Pipeline.Jobs;
using Spectre.Console;

namespace SidFlow.Local.Cli;

/// <summary><c>./sidflow jobs list|show|pause|resume|cancel|retry|logs</c>, against the same storage as the app.</summary>
public static class JobsCommand
{
    private static readonly JsonSerializerOptions Pretty = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var jobs = new Command("jobs", "List and control jobs");
        jobs.Subcommands.Add(List());
        jobs.Subcommands.Add(Show());
        jobs.Subcommands.Add(Control("pause", "Pause a job: no new item starts, running ones finish", (s, id, ct) => s.PauseAsync(id, ct)));
        jobs.Subcommands.Add(Control("resume", "Resume a paused job from its checkpoint", (s, id, ct) => s.ResumeAsync(id, ct)));
        jobs.Subcommands.Add(Control("cancel", "Cancel a job and remove its temporary blobs", (s, id, ct) => s.CancelAsync(id, ct)));
        jobs.Subcommands.Add(Retry());
        jobs.Subcommands.Add(Logs());
        return jobs;
    }

    private static Command List()
    {
        var status = new Option<string?>("--status") { Description = "pending, running, paused, completed, failed or cancelled" };
        var type = new Option<string?>("--type") { Description = "fetch, classify, train, render, pipeline, noop" };
        var sort = new Option<string?>("--sort") { Description = "priority (highest first) or created (newest first, the default)" };
        var command = new Command("list", "List jobs") { status, type, sort };
        command.SetAction((parse, ct) => WithServicesAsync(async services =>
        {
            JobStatus? wanted = null;
            if (parse.GetValue(status) is { } s)
            {
                if (!JobStatusExtensions.TryParseWire(s, out JobStatus parsed))
                {
                    Console.Error.WriteLine($"unknown status '{s}'");
                    return 2;
                }

                wanted = parsed;
            }

            IReadOnlyList<JobRecord> list = await services.GetRequiredService<JobService>().ListAsync(wanted, parse.GetValue(type), parse.GetValue(sort) == "priority", ct);
            string[][] rows = list.Select(j =>
            {
                JobProgress p = j.Metadata.Progress;
                return new[]
                {
                    j.Id, j.Type, j.Status.ToWire(), j.Priority.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{p.Current}/{p.Total} ({p.PercentComplete:0.#}%)",
                    DateTimeOffset.FromUnixTimeMilliseconds(j.CreatedAt).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                    j.Metadata.Error ?? p.Message ?? string.Empty,
                };
            }).ToArray();
            string[] header = ["id", "type", "status", "priority", "progress", "created (UTC)", "message"];
            if (!AnsiConsole.Profile.Capabilities.Interactive)
            {
                // Piped or logged: one tab-separated line per job, so ids never wrap and scripts can cut columns.
                foreach (string[] row in rows.Prepend(header))
                {
                    Console.WriteLine(string.Join('\t', row));
                }

                return 0;
            }

            var table = new Table().AddColumns(header);
            foreach (string[] row in rows)
            {
                table.AddRow(row.Select(Markup.Escape).ToArray());
            }

            AnsiConsole.Write(table);
            return 0;
        }, ct));
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<string>("id");
        var command = new Command("show", "Show a job as the API returns it") { id };
        command.SetAction((parse, ct) => WithServicesAsync(async services =>
        {
            JobRecord? job = await services.GetRequiredService<JobService>().GetAsync(parse.GetValue(id)!, ct);
            if (job is null)
            {
                Console.Error.WriteLine($"no job '{parse.GetValue(id)}'");
                return 1;
            }

            Console.WriteLine(JsonSerializer.Serialize(job, Pretty));
            return 0;
        }, ct));
        return command;
    }

    private static Command Control(string name, string description, Func<JobService, string, CancellationToken, Task<JobRecord>> action)
    {
        var id = new Argument<string>("id");
        var command = new Command(name, description) { id };
        command.SetAction((parse, ct) => WithServicesAsync(async services =>
        {
            string jobId = parse.GetValue(id)!;
            JobRecord job = await CliAudit.AuditedAsync(services, "job." + name, new JsonObject { ["id"] = jobId },
                () => action(services.GetRequiredService<JobService>(), jobId, ct), null, ct);
            Console.WriteLine(JobFollower.Describe(job));
            return 0;
        }, ct));
        return command;
    }

    private static Command Retry()
    {
        var id = new Argument<string>("id");
        var config = new Option<string?>("--config") { Description = "JSON object merged into the job's config, e.g. '{\"threads\": 8}'" };
        var command = new Command("retry", "Re-run the failed items of a job") { id, config };
        command.SetAction((parse, ct) => WithServicesAsync(async services =>
        {
            JsonObject? changes = parse.GetValue(config) is { } text ? JsonNode.Parse(text) as JsonObject ?? throw new JobConfigException("--config must be a JSON object") : null;
            string jobId = parse.GetValue(id)!;
            JobRecord job = await CliAudit.AuditedAsync(services, "job.retry", new JsonObject { ["id"] = jobId },
                () => services.GetRequiredService<JobService>().RetryAsync(jobId, changes, ct), null, ct);
            Console.WriteLine(JobFollower.Describe(job));
            return 0;
        }, ct));
        return command;
    }

    private static Command Logs()
    {
        var id = new Argument<string>("id");
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new lines, with a progress bar, until the job ends" };
        var command = new Command("logs", "Print a job's log") { id, follow };
        command.SetAction((parse, ct) => WithServicesAsync(async services =>
        {
            string jobId = parse.GetValue(id)!;
            var jobs = services.GetRequiredService<JobService>();
            var log = services.GetRequiredService<IJobLog>();
            if (await jobs.GetAsync(jobId, ct) is null)
            {
                Console.Error.WriteLine($"no job '{jobId}'");
                return 1;
            }

            JobLogChunk chunk = await log.ReadAsync(jobId, 0, ct);
            Console.Write(chunk.Text);
            if (!parse.GetValue(follow))
            {
                return 0;
            }

            long offset = chunk.Length;
            using var printer = CancellationTokenSource.CreateLinkedTokenSource(ct);
            Task printing = Task.Run(async () =>
            {
                while (!printer.IsCancellationRequested)
                {
                    JobLogChunk next = await log.ReadAsync(jobId, offset, printer.Token);
                    offset = next.Length;
                    if (next.Text.Length > 0)
                    {
                        AnsiConsole.Write(new Text(next.Text));
                    }

                    await Task.Delay(500, printer.Token);
                }
            }, printer.Token);
            int exit = await JobFollower.FollowAsync(jobs, jobId, ct);
            await printer.CancelAsync();
            await printing.ContinueWith(_ => { }, TaskScheduler.Default);
            Console.Write((await log.ReadAsync(jobId, offset, CancellationToken.None)).Text);
            return exit;
        }, ct));
        return command;
    }

    private static async Task<int> WithServicesAsync(Func<IServiceProvider, Task<int>> action, CancellationToken ct)
    {
        await using AppSession session = await AppSession.OpenAsync(LogLevel.Warning, ct);
        await using EngineSession client = await EngineSession.StartAsync(session, ct, runEngine: false);
        IServiceProvider services = client.Services;
        try
        {
            return await action(services);
        }
        catch (Exception ex) when (ex is JobNotFoundException or JobTransitionException or JobConfigException or JobTypeUnavailableException or JsonException)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }
        finally
        {
            await services.GetRequiredService<JobLogWriter>().FlushAsync(CancellationToken.None);
        }
    }
}
