using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace SidFlow.Local.Cli;

/// <summary><c>./sidflow bench render</c>: the render job against sidplayfp run bare.</summary>
public static class BenchRenderCommand
{
    public static Command Create()
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

            using var staging = new BenchCommand.TempDirectory(tree, chosen);
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

            await BenchCommand.DeleteStorageAsync(session, prefix, ct);
            return 0;
        });
        return command;
    }
}
