using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using SidFlow.Core.Jobs;
using SidFlow.Storage;

namespace SidFlow.Local.Cli;

/// <summary><c>./sidflow bench ...</c>: measurements, printed; never part of the tests.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Benchmarks: print throughput and latency figures");
        bench.Subcommands.Add(Jobs());
        bench.Subcommands.Add(Fetch());
        bench.Subcommands.Add(Render());
        bench.Subcommands.Add(Classify());
        bench.Subcommands.Add(BenchEngineCommand.Create());
        return bench;
    }

    private static Command Jobs()
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
                Console.WriteLine($"  submit-to-item-done latency: p50 {Percentile(latencies, 0.50)} ms, p95 {Percentile(latencies, 0.95)} ms");
                Console.WriteLine($"  items done {done.Metadata.Progress.Current - (done.Metadata.Progress.FailedItems ?? 0)}, failed {done.Metadata.Progress.FailedItems ?? 0}; item runs {snapshot.Items}");
            }

            await DeleteStorageAsync(session, prefix, ct);
            return 0;
        });
        return command;
    }

    private static long Percentile(long[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static Command Fetch()
    {
        var sample = BenchSample.TreeOption("The C64Music tree to pack into a base archive");
        var command = new Command("fetch", "Pack a C64Music tree into HVSC_NN-all-of-them.7z with 7z and install it into empty storage; print time, files/s and peak memory") { sample };
        command.SetAction(async (parse, ct) =>
        {
            string tree = Path.GetFullPath(parse.GetValue(sample)!);
            string work = Path.Combine(Path.GetTempPath(), "sidflow-bench-fetch-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(work);
            try
            {
                string archive = Path.Combine(work, "HVSC_74-all-of-them.7z");
                var pack = Stopwatch.StartNew();
                var result = await SidFlow.Core.Processes.BoundedProcess.RunAsync("7z", ["a", "-t7z", "-bd", "-y", archive, "C64Music"], TimeSpan.FromMinutes(30), ct,
                    workingDirectory: Path.GetDirectoryName(tree));
                if (!result.Succeeded)
                {
                    Console.Error.WriteLine($"7z failed: {result.StandardError}");
                    return 1;
                }

                Console.WriteLine($"packed {tree} into {new FileInfo(archive).Length / 1024} KB in {pack.Elapsed.TotalSeconds:0.0} s");
                await using AppSession session = await AppSession.OpenAsync(LogLevel.Warning, ct);
                string prefix = "bench" + Guid.NewGuid().ToString("N")[..8];
                using var process = System.Diagnostics.Process.GetCurrentProcess();
                long baseline = process.WorkingSet64;
                await using (EngineSession engine = await EngineSession.StartAsync(session, ct, prefix: prefix))
                {
                    var clock = Stopwatch.StartNew();
                    JobRecord job = await engine.Jobs.SubmitAsync("fetch", new JsonObject { ["source"] = archive }, JobPriority.High, "bench", ct);
                    int exit = await JobFollower.FollowAsync(engine.Jobs, job.Id, ct);
                    clock.Stop();
                    JobRecord done = (await engine.Jobs.GetAsync(job.Id, ct))!;
                    process.Refresh();
                    long files = done.Metadata.Progress.Total;
                    Console.WriteLine($"bench fetch: {files} files installed from a {new FileInfo(archive).Length / 1024} KB base archive in {clock.Elapsed.TotalSeconds:0.0} s = {files / clock.Elapsed.TotalSeconds:0} files/s");
                    Console.WriteLine($"  peak working set {process.PeakWorkingSet64 / (1024 * 1024)} MB (process start {baseline / (1024 * 1024)} MB); exit {exit}");
                }

                await DeleteStorageAsync(session, prefix, ct);
                return 0;
            }
            finally
            {
                Directory.Delete(work, recursive: true);
            }
        });
        return command;
    }

    private static Command Render()
    {
        var count = new Option<int>("--count") { Description = "Songs of the sample to render", DefaultValueFactory = _ => 200 };
        var seconds = new Option<int>("--seconds") { Description = "Seconds of audio per song", DefaultValueFactory = _ => 30 };
        var sample = BenchSample.TreeOption("The C64Music tree to take songs from");
        var command = new Command("render", "Render N songs to WAV through the render job and compare with sidplayfp run bare; print songs/s, x-realtime per core and the overhead") { count, seconds, sample };
        command.SetAction(async (parse, ct) =>
        {
            int n = parse.GetValue(count), length = parse.GetValue(seconds), cores = Environment.ProcessorCount;
            string tree = Path.GetFullPath(parse.GetValue(sample)!);
            string[] all = Directory.EnumerateFiles(tree, "*.sid", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
            string[] chosen = BenchSample.EvenlySpaced(all, n);

            // sidplayfp alone: the same songs, the same length and format, both cores busy.
            var bare = Stopwatch.StartNew();
            int bareFailures = 0;
            await Parallel.ForEachAsync(chosen, new ParallelOptions { MaxDegreeOfParallelism = cores, CancellationToken = ct }, async (file, token) =>
            {
                var result = await SidFlow.Core.Processes.BoundedProcess.RunAsync("sidplayfp", ["-q", "-w-", $"-t{length + 1}", "-f44100", "-s", file],
                    TimeSpan.FromSeconds(30 + length), token, outputCap: 1);
                if (result.TimedOut)
                {
                    Interlocked.Increment(ref bareFailures);
                }
            });
            bare.Stop();

            using var staging = new TempDirectory(tree, chosen);
            await using AppSession session = await AppSession.OpenAsync(LogLevel.Warning, ct);
            string prefix = "bench" + Guid.NewGuid().ToString("N")[..8];
            await using (EngineSession engine = await EngineSession.StartAsync(session, ct, prefix: prefix))
            {
                await engine.Services.GetRequiredService<SidFlow.Core.Collection.CollectionImporter>().ImportAsync(staging.Path, null, ct);
                var config = new JsonObject
                {
                    ["sidPath"] = string.Empty,
                    ["mode"] = new JsonObject { ["location"] = "server", ["time"] = "offline", ["technology"] = "cli", ["target"] = "wav" },
                    ["options"] = new JsonObject { ["duration"] = length, ["recursive"] = true, ["formats"] = new JsonArray("wav") },
                    ["threads"] = cores,
                };
                JobRecord[] jobs = [await engine.Jobs.SubmitAsync("render", config, JobPriority.High, "bench", ct)];
                await JobFollower.FollowAsync(engine.Jobs, jobs[0].Id, ct);
                JobRecord[] done = await Task.WhenAll(jobs.Select(j => engine.Jobs.GetAsync(j.Id, ct)!)).ContinueWith(t => t.Result.Select(j => j!).ToArray(), ct);
                double jobSeconds = (done.Max(j => j.CompletedAt!.Value) - done.Min(j => j.StartedAt!.Value)) / 1000.0;
                long rendered = done.Sum(j => j.Metadata.Progress.Current - (j.Metadata.Progress.FailedItems ?? 0));
                double audio = (double)chosen.Length * length;
                Console.WriteLine($"bench render: {chosen.Length} songs x {length} s to 44.1 kHz stereo WAV, {cores} cores");
                Console.WriteLine($"  sidplayfp bare:    {bare.Elapsed.TotalSeconds:0.0} s = {chosen.Length / bare.Elapsed.TotalSeconds:0.00} songs/s, {audio / bare.Elapsed.TotalSeconds / cores:0.0}x realtime per core ({bareFailures} timed out)");
                Console.WriteLine($"  SidFlow render job: {jobSeconds:0.0} s = {chosen.Length / jobSeconds:0.00} songs/s, {audio / jobSeconds / cores:0.0}x realtime per core ({rendered} rendered, upload and manifest included)");
                Console.WriteLine($"  overhead of the engine over sidplayfp alone: {100.0 * (jobSeconds / bare.Elapsed.TotalSeconds - 1):0.0}%");
            }

            await DeleteStorageAsync(session, prefix, ct);
            return 0;
        });
        return command;
    }

    private static Command Classify()
    {
        var count = new Option<int>("--count") { Description = "Songs of the sample to classify", DefaultValueFactory = _ => 200 };
        var engineName = new Option<string?>("--engine") { Description = "Render engine (default: render.classifyEngine)" };
        var sample = BenchSample.TreeOption("The C64Music tree to take songs from");
        var command = new Command("classify", "Classify N songs of the sample end to end (render, features, rating, storage); print songs/s and the split of time") { count, engineName, sample };
        command.SetAction(async (parse, ct) =>
        {
            int n = parse.GetValue(count), cores = Environment.ProcessorCount;
            await using AppSession session = await AppSession.OpenAsync(LogLevel.Warning, ct);
            string prefix = "bench" + Guid.NewGuid().ToString("N")[..8];
            string? chosenEngine = parse.GetValue(engineName);
            await using (EngineSession engine = await EngineSession.StartAsync(session, ct, prefix: prefix, configure: s =>
            {
                if (chosenEngine is not null)
                {
                    s.Configure<SidFlow.Core.Render.RenderOptions>(o => o.ClassifyEngine = chosenEngine);
                }
            }))
            {
                Console.WriteLine("Importing the sample into isolated storage...");
                await engine.Services.GetRequiredService<SidFlow.Core.Collection.CollectionImporter>().ImportAsync(Path.GetFullPath(parse.GetValue(sample)!), null, ct);
                var metrics = engine.Services.GetRequiredService<SidFlow.Core.Classification.ClassifyMetrics>();
                (_, JobRecord done) = await ClassifyCommand.RunAsync(engine.Jobs, engine.Services.GetRequiredService<SidFlow.Core.Classification.IClassificationStore>(),
                    new JsonObject { ["sample"] = n, ["threads"] = cores }, "bench", ct);
                (long songs, TimeSpan render, TimeSpan features, TimeSpan storage) = metrics.Snapshot();
                double seconds = (done.CompletedAt!.Value - done.StartedAt!.Value) / 1000.0;
                string engineUsed = engine.Services.GetRequiredService<SidFlow.Core.Render.RenderEngineSelector>().ForClassification().Name;
                Console.WriteLine($"bench classify: {songs} songs with {engineUsed}, {cores} cores: {songs / seconds:0.00} songs/s (job start to completion {seconds:0.0} s)");
                if (songs > 0)
                {
                    double per(TimeSpan t) => t.TotalMilliseconds / songs;
                    Console.WriteLine($"  per song (summed over threads): render {per(render):0.0} ms, features {per(features):0.0} ms, rating + storage {per(storage):0.0} ms");
                    Console.WriteLine($"  everything but rendering: {per(features) + per(storage):0.0} ms per song");
                }
            }

            await DeleteStorageAsync(session, prefix, ct);
            return 0;
        });
        return command;
    }

    /// <summary>A copy of some files of a tree, under their collection paths, removed on dispose.</summary>
    private sealed class TempDirectory : IDisposable
    {
        public TempDirectory(string root, IEnumerable<string> files)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sidflow-bench-" + Guid.NewGuid().ToString("N")[..8]);
            foreach (string file in files)
            {
                string target = System.IO.Path.Combine(Path, System.IO.Path.GetRelativePath(root, file));
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        public string Path { get; }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }

    /// <summary>Removes everything a benchmark created under its own prefix.</summary>
    private static async Task DeleteStorageAsync(AppSession session, string prefix, CancellationToken ct)
    {
        using IHost host = session.CreateHost(runEngine: false, prefix: prefix);
        StorageClients storage = host.Services.GetRequiredService<StorageClients>();
        await host.Services.GetRequiredService<SidFlow.Local.Durable.LocalTaskHub>().Service.DeleteAsync();
        await Task.WhenAll(
            storage.Names.Containers.Select(c => storage.Container(c).DeleteIfExistsAsync(cancellationToken: ct))
                .Concat<Task>(storage.Names.Tables.Select(t => storage.Tables.DeleteTableAsync(t, ct)))
                .Concat(storage.Names.Queues.Select(q => storage.Queue(q).DeleteIfExistsAsync(ct))));
    }
}
