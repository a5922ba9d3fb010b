using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace SidFlow.Local.Cli;

/// <summary><c>./sidflow bench jobs</c>: the engine alone, a job of no-op items.</summary>
public static class BenchJobsCommand
{
    public static Command Create()
    {
        var items = new Option<int>("--items") { Description = "No-op items in the job", DefaultValueFactory = _ => 5000 };
        var command = new Command("jobs", "Run one job of N no-op items as an orchestration on the real task hub; print items/s, activities/s and submit-to-done latency") { items };
        command.SetAction(async (parse, ct) =>
        {
            int count = parse.GetValue(items);
            await using AppSession session = await AppSession.OpenAsync(LogLevel.Warning, ct);
            string prefix = "bench" + Guid.NewGuid().ToString("N")[..8];
            await using (EngineSession engine = await EngineSession.StartAsync(session, ct, prefix: prefix))
            {
                var metrics = engine.Services.GetRequiredService<SidFlow.Pipeline.Activities.JobItemMetrics>();
                var clock = Stopwatch.StartNew();
                JobRecord job = await engine.Jobs.SubmitAsync(NoopJobType.TypeName, new JsonObject { ["items"] = count }, JobPriority.High, "bench", ct);
                await JobFollower.FollowAsync(engine.Jobs, job.Id, ct);
                clock.Stop();
                JobRecord done = (await engine.Jobs.GetAsync(job.Id, ct))!;
                SidFlow.Pipeline.Activities.JobItemMetricsSnapshot snapshot = metrics.Snapshot();
                double seconds = (done.CompletedAt!.Value - done.StartedAt!.Value) / 1000.0;
                long[] latencies = snapshot.FinishedAtMs.Select(t => t - job.CreatedAt).Order().ToArray();
                Console.WriteLine($"bench jobs: {count} items in {snapshot.Activities} activities, {Environment.ProcessorCount} cores, Azurite on loopback");
                Console.WriteLine($"  job start to completion: {seconds:0.00} s = {count / seconds:0} items/s, {snapshot.Activities / seconds:0.0} activities/s (submit to done {clock.Elapsed.TotalSeconds:0.00} s)");
                Console.WriteLine($"  submit-to-item-done latency: p50 {BenchCommand.Percentile(latencies, 0.50)} ms, p95 {BenchCommand.Percentile(latencies, 0.95)} ms");
                Console.WriteLine($"  items done {done.Metadata.Progress.Current - (done.Metadata.Progress.FailedItems ?? 0)}, failed {done.Metadata.Progress.FailedItems ?? 0}; item runs {snapshot.Items}");
            }

            await BenchCommand.DeleteStorageAsync(session, prefix, ct);
            return 0;
        });
        return command;
    }
}
