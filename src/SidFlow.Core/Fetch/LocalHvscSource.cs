using System.Text.RegularExpressions;

namespace SidFlow.Core.Fetch;

/// <summary>
/// A local source: a folder of HVSC archives (a mirror copy), one archive, an extracted update
/// (a folder holding <c>UpdateNN.hvs</c> or <c>update/UpdateNN.hvs</c>), or a whole C64Music tree.
/// </summary>
public sealed partial class LocalHvscSource(string path) : IHvscSource
{
    public string Description => Path.GetFullPath(path);

    public async Task<IReadOnlyList<HvscPackage>> ListAsync(CancellationToken cancellationToken)
    {
        string full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            return [HvscPackage.FromFileName(Path.GetFileName(full), full)
                    ?? throw new FetchException($"{full} is not named like an HVSC archive (HVSC_NN-all-of-them.7z or HVSC_Update_NN.7z)")];
        }

        if (!Directory.Exists(full))
        {
            throw new FetchException($"the source {full} does not exist");
        }

        HvscPackage[] archives = Directory.EnumerateFiles(full)
            .Select(f => HvscPackage.FromFileName(Path.GetFileName(f), f))
            .OfType<HvscPackage>()
            .ToArray();
        if (archives.Length > 0)
        {
            return archives.OrderBy(p => p.Kind).ThenBy(p => p.Version).ToArray();
        }

        if (FindUpdateScript(full) is { } script)
        {
            int version = int.Parse(UpdateScriptName().Match(Path.GetFileName(script)).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            string root = Path.GetDirectoryName(script)!;
            return [new HvscPackage(HvscPackageKind.Update, version, Path.GetFileName(script), root, IsDirectory: true)];
        }

        string tree = Directory.Exists(Path.Combine(full, "C64Music")) ? Path.Combine(full, "C64Music") : full;
        return [new HvscPackage(HvscPackageKind.Base, await ReleaseOfAsync(tree, cancellationToken), Path.GetFileName(tree), tree, IsDirectory: true)];
    }

    public async Task<LocalPackage> FetchAsync(HvscPackage package, string workDirectory, IProgress<string> progress, CancellationToken cancellationToken)
    {
        if (package.IsDirectory)
        {
            return new LocalPackage(package, package.Location, null, 0);
        }

        progress.Report($"Hashing {package.Name}");
        return new LocalPackage(package, package.Location, await Sha256File.ComputeAsync(package.Location, cancellationToken), new FileInfo(package.Location).Length);
    }

    private static string? FindUpdateScript(string directory)
    {
        foreach (string dir in new[] { directory, Path.Combine(directory, "update") })
        {
            if (Directory.Exists(dir) && Directory.EnumerateFiles(dir).FirstOrDefault(f => UpdateScriptName().IsMatch(Path.GetFileName(f))) is { } script)
            {
                return script;
            }
        }

        return null;
    }

    /// <summary>The release number from DOCUMENTS/HVSC.txt ("Release 74"), 0 when it cannot be told.</summary>
    private static async Task<int> ReleaseOfAsync(string tree, CancellationToken cancellationToken)
    {
        string hvsc = Path.Combine(tree, "DOCUMENTS", "HVSC.txt");
        if (!File.Exists(hvsc))
        {
            return 0;
        }

        string[] lines = await File.ReadAllLinesAsync(hvsc, System.Text.Encoding.Latin1, cancellationToken);
        foreach (string line in lines.Take(20))
        {
            Match m = ReleaseLine().Match(line);
            if (m.Success)
            {
                return int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    [GeneratedRegex(@"^Update(\d{2,4})\.hvs$", RegexOptions.IgnoreCase)]
    private static partial Regex UpdateScriptName();

    [GeneratedRegex(@"\bRelease\s+(\d{1,4})\b", RegexOptions.IgnoreCase)]
    private static partial Regex ReleaseLine();
}
