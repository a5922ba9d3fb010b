using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using SidFlow.Storage;

namespace SidFlow.Local.Cli;

/// <summary><c>./sidflow bench fetch</c>: installing a packed C64Music tree, against raw uploads of the same files.</summary>
public static class BenchFetchCommand
{
    public static Command Create()
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
                    JobRecord job = await engine.Jobs.SubmitAsync("fetch", new JsonObject { ["source"] = archive }, JobPriority.High, "bench", ct);
                    int exit = await JobFollower.FollowAsync(engine.Jobs, job.Id, ct);
                    JobRecord done = (await engine.Jobs.GetAsync(job.Id, ct))!;
                    process.Refresh();
                    int files = Directory.EnumerateFiles(tree, "*", SearchOption.AllDirectories).Count();
                    double seconds = (done.CompletedAt!.Value - done.CreatedAt) / 1000.0;
                    double installed = files / seconds;
                    double raw = await RawUploadRateAsync(engine.Services.GetRequiredService<StorageClients>(), tree, ct);
                    Console.WriteLine($"bench fetch: {files} files installed from a {new FileInfo(archive).Length / 1024} KB base archive in {seconds:0.0} s = {installed:0} files/s (submit to done: reading, writing, cataloguing)");
                    Console.WriteLine($"  raw parallel uploads of the same files, same storage: {raw:0} files/s; fetch / raw = {100 * installed / raw:0.0}%");
                    Console.WriteLine($"  peak working set {process.PeakWorkingSet64 / (1024 * 1024)} MB (process start {baseline / (1024 * 1024)} MB); exit {exit}");
                }

                await BenchCommand.DeleteStorageAsync(session, prefix, ct);
                return 0;
            }
            finally
            {
                Directory.Delete(work, recursive: true);
            }
        });
        return command;
    }

    /// <summary>Every file of the tree uploaded once, 32 at a time, into a scratch container of the bench's storage: files/s.</summary>
    private static async Task<double> RawUploadRateAsync(StorageClients storage, string tree, CancellationToken ct)
    {
        string[] files = Directory.EnumerateFiles(tree, "*", SearchOption.AllDirectories).ToArray();
        var contents = files.Select(f => (Name: Path.GetRelativePath(tree, f), Bytes: File.ReadAllBytes(f))).ToArray();
        Azure.Storage.Blobs.BlobContainerClient container = storage.Container(storage.Names.Prefix + "rawupload");
        await container.CreateIfNotExistsAsync(cancellationToken: ct);
        try
        {
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(contents, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ct }, async (file, token) =>
                await container.GetBlobClient(file.Name).UploadAsync(BinaryData.FromBytes(file.Bytes), overwrite: true, token));
            return contents.Length / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            await container.DeleteIfExistsAsync(cancellationToken: ct);
        }
    }
}
