using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace SidFlow.Local.Cli;

/// <summary><c>./sidflow bench classify</c>: the classify job against the same songs in a plain loop.</summary>
public static class BenchClassifyCommand
{
    public static Command Create()
    {
        var count = new Option<int>("--count") { Description = "Songs of the sample to classify", DefaultValueFactory = _ => 200 };
        var engineName = new Option<string?>("--engine") { Description = "Render engine (default: render.classifyEngine)" };
        var sample = BenchSample.TreeOption("The C64Music tree to take songs from");
        var command = new Command("classify", "Classify N songs of the sample end to end (orchestration, render, features, rating, storage) and the same songs in a plain loop; print both rates and their ratio") { count, engineName, sample };
        command.SetAction(async (parse, ct) =>
        {
            int n = parse.GetValue(count), cores = Environment.ProcessorCount;
            string tree = Path.GetFullPath(parse.GetValue(sample)!);
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
                await engine.Services.GetRequiredService<SidFlow.Core.Collection.CollectionImporter>().ImportAsync(tree, null, ct);
                var classifier = engine.Services.GetRequiredService<SidFlow.Core.Classification.SongClassifier>();
                var catalog = engine.Services.GetRequiredService<SidFlow.Core.Catalog.ICatalogStore>();
                var store = engine.Services.GetRequiredService<SidFlow.Core.Classification.IClassificationStore>();
                var metrics = engine.Services.GetRequiredService<SidFlow.Core.Classification.ClassifyMetrics>();

                int warmed = await WarmUpAsync(classifier, catalog, tree, cores, ct);
                CpuClock before = CpuClock.Now();
                (_, JobRecord done) = await ClassifyCommand.RunAsync(engine.Jobs, store, new JsonObject { ["sample"] = n, ["threads"] = cores }, "bench", ct);
                CpuClock after = CpuClock.Now();
                (long songs, TimeSpan render, TimeSpan features, TimeSpan storage) = metrics.Snapshot();
                double jobSeconds = (done.CompletedAt!.Value - done.StartedAt!.Value) / 1000.0;
                IReadOnlyList<long> finished = engine.Services.GetRequiredService<SidFlow.Pipeline.Activities.JobItemMetrics>().Snapshot().FinishedAtMs;

                // The same songs, read beforehand, rendered and analysed in a plain loop on every core: no orchestration, no storage.
                var same = new List<(string Path, int Subtune, byte[] Bytes, SidFlow.Core.Catalog.CatalogEntry? Row)>();
                await foreach (SidFlow.Core.Classification.ClassificationRecord r in store.ListAsync(ct))
                {
                    same.Add((r.Path, r.Subtune, await File.ReadAllBytesAsync(Path.Combine(tree, r.Path), ct), await catalog.GetAsync(r.Path, ct)));
                }

                var loop = Stopwatch.StartNew();
                await Parallel.ForEachAsync(same, new ParallelOptions { MaxDegreeOfParallelism = cores, CancellationToken = ct }, async (song, token) =>
                {
                    try
                    {
                        await classifier.AnalyzeAsync(song.Path, song.Subtune, song.Bytes, song.Row, token);
                    }
                    catch (Exception ex) when (ex is SidFlow.Core.Jobs.PermanentItemFailureException or SidFlow.Emulation.SidEmulationException)
                    {
                        // The job failed these too; the loop only times what both did.
                    }
                });
                loop.Stop();

                string engineUsed = engine.Services.GetRequiredService<SidFlow.Core.Render.RenderEngineSelector>().ForClassification().Name;
                double endToEnd = songs / jobSeconds, plain = same.Count / loop.Elapsed.TotalSeconds;
                Console.WriteLine($"bench classify: {songs} songs with {engineUsed}, {cores} cores; both measured after an untimed warm-up of {warmed} songs");
                Console.WriteLine($"  end to end (job start to completion, fan-in included): {jobSeconds:0.0} s = {endToEnd:0.00} songs/s");
                Console.WriteLine($"  plain loop (render + features, no orchestration or storage): {loop.Elapsed.TotalSeconds:0.0} s = {plain:0.00} songs/s");
                Console.WriteLine($"  end to end / plain loop: {100 * endToEnd / plain:0.0}%");
                if (finished.Count > 0)
                {
                    Console.WriteLine($"  of the job: {(finished.Min() - done.StartedAt.Value) / 1000.0:0.0} s to the first batch done, items until {(finished.Max() - done.StartedAt.Value) / 1000.0:0.0} s, fan-in and end {(done.CompletedAt.Value - finished.Max()) / 1000.0:0.0} s");
                }
                if (songs > 0)
                {
                    double per(TimeSpan t) => t.TotalMilliseconds / songs;
                    Console.WriteLine($"  per song in the job (summed over threads): render {per(render):0.0} ms, features {per(features):0.0} ms, rating + storage {per(storage):0.0} ms");
                    Console.WriteLine($"  CPU per song while the job ran: this process {per(after.Process - before.Process):0.0} ms, other processes (storage) {per(after.OthersSince(before)):0.0} ms; the plain loop used {loop.Elapsed.TotalMilliseconds * cores / same.Count:0.0} ms of the cores per song");
                }
            }

            await BenchCommand.DeleteStorageAsync(session, prefix, ct);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Analyses songs spread over the tree until the emulator and feature code have been recompiled by the
    /// tiered JIT. Without it the job, measured first, paid seconds of start-up JIT that the loop after it did
    /// not, and the ratio measured the JIT rather than orchestration and storage.
    /// </summary>
    private static async Task<int> WarmUpAsync(SidFlow.Core.Classification.SongClassifier classifier, SidFlow.Core.Catalog.ICatalogStore catalog, string tree, int cores, CancellationToken ct)
    {
        string[] files = BenchSample.EvenlySpaced(Directory.GetFiles(tree, "*.sid", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray(), WarmUpSongs);
        int analysed = 0;
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = cores, CancellationToken = ct }, async (file, token) =>
        {
            string path = Path.GetRelativePath(tree, file).Replace('\\', '/');
            try
            {
                await classifier.AnalyzeAsync(path, 1, await File.ReadAllBytesAsync(file, token), await catalog.GetAsync(path, token), token);
                Interlocked.Increment(ref analysed);
            }
            catch (Exception ex) when (ex is SidFlow.Core.Jobs.PermanentItemFailureException or SidFlow.Emulation.SidEmulationException)
            {
                // A song the classifier refuses warms nothing; the others do.
            }
        });
        return analysed;
    }

    private const int WarmUpSongs = 60;
}
