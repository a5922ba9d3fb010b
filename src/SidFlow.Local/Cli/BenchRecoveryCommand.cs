using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using SidFlow.Local.Hosting;

namespace SidFlow.Local.Cli;

/// <summary>
/// <c>./sidflow bench recovery</c>: a job in an app process killed with SIGKILL mid-job, then a new process
/// started: how long from the restart to the job's end (the queue visibility and partition leases decide it).
/// </summary>
public static class BenchRecoveryCommand
{
    public static Command Create()
    {
        var items = new Option<int>("--items") { Description = "No-op items (250 ms each) in the job", DefaultValueFactory = _ => 400 };
        var command = new Command("recovery", "Kill the app process (SIGKILL) mid-job, start it again, and print the seconds from the restart to the job's end") { items };
        command.SetAction(async (parse, ct) =>
        {
            int count = parse.GetValue(items);
            await using AppSession session = await AppSession.OpenAsync(LogLevel.Warning, ct);
            string connection = session.Storage.ConnectionString ?? throw new InvalidOperationException("bench recovery needs a storage connection string (the embedded Azurite, or SIDFLOW_STORAGE)");
            string prefix = "bench" + Guid.NewGuid().ToString("N")[..8];
            string token = Guid.NewGuid().ToString("N");
            var config = new Dictionary<string, string?> { ["jobs:ItemsPerActivity"] = "4", ["jobs:DispatchWindow"] = "16" };
            await using (EngineSession client = await EngineSession.StartAsync(session, ct, prefix: prefix, runEngine: false))
            {
                JobRecord job;
                await using (ServeProcess first = await ServeProcess.StartAsync(connection, prefix, token, config))
                {
                    job = await client.Jobs.SubmitAsync(NoopJobType.TypeName, new JsonObject { ["items"] = count, ["delayMs"] = 250 }, JobPriority.High, "bench", ct);
                    JobRecord atKill = await WaitAsync(client.Jobs, job.Id, j => j.Metadata.Progress.Current >= count / 10, ct);
                    await first.KillAsync();
                    Console.WriteLine($"bench recovery: killed the app process (SIGKILL) at {atKill.Metadata.Progress.Current}/{count} items");
                }

                await using ServeProcess second = await ServeProcess.StartAsync(connection, prefix, token, config);
                var sinceRestart = Stopwatch.StartNew();
                JobRecord done = await WaitAsync(client.Jobs, job.Id, j => j.Status.IsTerminal(), ct);
                Console.WriteLine($"  restarted; the job ended {done.Status.ToWire()} {sinceRestart.Elapsed.TotalSeconds:0.0} s later ({done.Metadata.Progress.Current}/{done.Metadata.Progress.Total} items)");
            }

            await BenchCommand.DeleteStorageAsync(session, prefix, ct);
            return 0;
        });
        return command;
    }

    private static async Task<JobRecord> WaitAsync(JobService jobs, string id, Func<JobRecord, bool> condition, CancellationToken ct)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bound.CancelAfter(TimeSpan.FromMinutes(10));
        while (true)
        {
            JobRecord job = (await jobs.GetAsync(id, bound.Token))!;
            if (condition(job))
            {
                return job;
            }

            await Task.Delay(200, bound.Token);
        }
    }
}
