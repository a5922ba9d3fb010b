using System.CommandLine;
using SidFlow.Storage;

namespace SidFlow.Local.Cli;

/// <summary><c>./sidflow bench ...</c>: measurements, printed; never part of the tests.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Benchmarks: print throughput and latency figures");
        bench.Subcommands.Add(BenchJobsCommand.Create());
        bench.Subcommands.Add(BenchFetchCommand.Create());
        bench.Subcommands.Add(BenchRenderCommand.Create());
        bench.Subcommands.Add(BenchClassifyCommand.Create());
        bench.Subcommands.Add(BenchRecoveryCommand.Create());
        bench.Subcommands.Add(BenchEngineCommand.Create());
        bench.Subcommands.Add(BenchModelCommand.Create());
        bench.Subcommands.Add(BenchBackupCommand.Create());
        bench.Subcommands.Add(BenchHttpCommand.Create());
        bench.Subcommands.Add(BenchU64Command.Create());
        return bench;
    }

    /// <summary>The p-quantile of sorted values (nearest rank).</summary>
    internal static long Percentile(long[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>Removes everything a benchmark created under its own prefix, its task hub included.</summary>
    internal static async Task DeleteStorageAsync(AppSession session, string prefix, CancellationToken ct)
    {
        using IHost host = session.CreateHost(runEngine: false, prefix: prefix);
        StorageClients storage = host.Services.GetRequiredService<StorageClients>();
        await host.Services.GetRequiredService<SidFlow.Local.Durable.LocalTaskHub>().Service.DeleteAsync();
        await Task.WhenAll(
            storage.Names.Containers.Select(c => storage.Container(c).DeleteIfExistsAsync(cancellationToken: ct))
                .Concat<Task>(storage.Names.Tables.Select(t => storage.Tables.DeleteTableAsync(t, ct)))
                .Concat(storage.Names.Queues.Select(q => storage.Queue(q).DeleteIfExistsAsync(ct))));
    }

    /// <summary>A copy of some files of a tree, under their collection paths, removed on dispose.</summary>
    internal sealed class TempDirectory : IDisposable
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
}
