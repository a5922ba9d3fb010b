using System.Text;
using SidFlow.Core.Processes;
using SidFlow.Testing;

namespace SidFlow.Core.Tests.Fetch;

/// <summary>Builds HVSC-style archives at test time with the real 7z, from files of the shared sample.</summary>
public sealed class ReleaseBuilder(string folder)
{
    private readonly TempDirectory _work = new("sidflow-release-");

    /// <summary>HVSC_NN-all-of-them.7z holding C64Music/ with the given collection paths (bytes from the sample unless given).</summary>
    public Task<string> BaseAsync(int version, IReadOnlyDictionary<string, byte[]> files) =>
        PackAsync($"HVSC_{version}-all-of-them.7z", files.ToDictionary(f => "C64Music/" + f.Key, f => f.Value));

    /// <summary>HVSC_Update_NN.7z holding readme.1st and update/ with the script and its files.</summary>
    public Task<string> UpdateAsync(int version, string script, IReadOnlyDictionary<string, byte[]> updateFiles)
    {
        var files = updateFiles.ToDictionary(f => "update/" + f.Key, f => f.Value);
        files[$"update/Update{version}.hvs"] = Encoding.Latin1.GetBytes(script);
        files["readme.1st"] = Encoding.ASCII.GetBytes($"HVSC update {version}\r\n");
        return PackAsync($"HVSC_Update_{version}.7z", files);
    }

    public static byte[] Sample(string hvscPath) => File.ReadAllBytes(RepositoryPaths.SampleFile(hvscPath));

    private async Task<string> PackAsync(string name, IReadOnlyDictionary<string, byte[]> files)
    {
        string root = _work.Combine(Path.GetFileNameWithoutExtension(name));
        foreach ((string path, byte[] bytes) in files)
        {
            string full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await File.WriteAllBytesAsync(full, bytes);
        }

        string archive = Path.Combine(folder, name);
        string[] tops = Directory.EnumerateFileSystemEntries(root).Select(Path.GetFileName).OfType<string>().ToArray();
        ProcessResult result = await BoundedProcess.RunAsync("7z", ["a", "-t7z", "-bd", "-y", archive, .. tops], TimeSpan.FromMinutes(2), CancellationToken.None, workingDirectory: root);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"7z failed: {result.StandardOutput}{result.StandardError}");
        }

        return archive;
    }
}
