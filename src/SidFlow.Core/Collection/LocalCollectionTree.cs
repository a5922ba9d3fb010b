using SidFlow.Core.Hvsc;

namespace SidFlow.Core.Collection;

/// <summary>A collection on the local disk in HVSC's <c>C64Music/</c> layout.</summary>
public sealed class LocalCollectionTree
{
    private LocalCollectionTree(string root) => Root = root;

    public string Root { get; }

    /// <summary>Accepts the <c>C64Music</c> folder itself or a folder that holds it.</summary>
    public static LocalCollectionTree Open(string directory)
    {
        string full = System.IO.Path.GetFullPath(directory);
        if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"collection source '{directory}' does not exist");
        }

        string nested = System.IO.Path.Combine(full, "C64Music");
        return new LocalCollectionTree(Directory.Exists(nested) ? nested : full);
    }

    /// <summary>Every file under the root as (HVSC path, full path), hidden files and folders left out, in path order.</summary>
    public IReadOnlyList<(string HvscPath, string FullPath)> Files()
    {
        var files = new List<(string, string)>();
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System | FileAttributes.ReparsePoint,
            IgnoreInaccessible = false,
        };
        foreach (string file in Directory.EnumerateFiles(Root, "*", options))
        {
            string relative = System.IO.Path.GetRelativePath(Root, file).Replace('\\', '/');
            if (relative.Split('/').Any(part => part.StartsWith('.')))
            {
                continue;
            }

            files.Add((HvscPath.Normalize(relative), file));
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        return files;
    }

    public string? DocumentPath(string name)
    {
        string path = System.IO.Path.Combine(Root, "DOCUMENTS", name);
        return File.Exists(path) ? path : null;
    }
}
