using Microsoft.Extensions.DependencyInjection;
using SidFlow.Core.Collection;
using SidFlow.Emulation.Sid;

namespace SidFlow.Testing;

/// <summary>Sample tunes put into a running app's collection and catalog, as an import of a folder would.</summary>
public static class SampleImport
{
    /// <summary>Sample files with one song for one SID each, every seventh of the collection (spread over composers).</summary>
    public static string[] SingleSongFiles(int count, int skip = 0) =>
        RepositoryPaths.AllSampleSids()
            .Where(f => SidFile.TryParse(File.ReadAllBytes(f), out SidFile? sid, out _) && sid!.Songs == 1 && sid.SidChipCount == 1)
            .Where((_, i) => i % 7 == 0)
            .Skip(skip)
            .Take(count)
            .ToArray();

    /// <summary>Imports the sample files under their HVSC paths, and any extra files under theirs.</summary>
    public static async Task ImportAsync(RunningApp app, IEnumerable<string> files, CancellationToken ct, params (string Path, byte[] Bytes)[] extra)
    {
        using var tree = new TempDirectory();
        foreach (string file in files)
        {
            string target = tree.Combine(RepositoryPaths.HvscPathOf(file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        foreach ((string path, byte[] bytes) in extra)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(tree.Combine(path))!);
            await File.WriteAllBytesAsync(tree.Combine(path), bytes, ct);
        }

        await app.Services.GetRequiredService<CollectionImporter>().ImportAsync(tree.Path, null, ct);
    }
}
