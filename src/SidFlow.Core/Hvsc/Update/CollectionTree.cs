namespace SidFlow.Core.Hvsc.Update;

/// <summary>
/// The collection as a file system that the update script runs on: files and directories, matched
/// case-insensitively with their stored case kept (as on the Windows file system the tool was made for).
/// Directories are those holding files plus empty ones remembered explicitly.
/// </summary>
public sealed class CollectionTree
{
    private readonly Dictionary<string, (string Path, FileContent Content)> _files = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _directories = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<(string Path, FileContent Content)> Files => _files.Values;

    public int FileCount => _files.Count;

    /// <summary>Directories with no file anywhere beneath them: blob storage cannot hold them, so they are remembered.</summary>
    public IReadOnlyList<string> EmptyDirectories()
    {
        var occupied = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach ((string path, _) in _files.Values)
        {
            for (string? dir = HvscPath.Parent(path); dir is not null; dir = HvscPath.Parent(dir))
            {
                if (!occupied.Add(dir))
                {
                    break;
                }
            }
        }

        return _directories.Values.Where(d => !occupied.Contains(d)).Order(StringComparer.Ordinal).ToArray();
    }

    public static CollectionTree Create(IEnumerable<(string Path, FileContent Content)> files, IEnumerable<string> emptyDirectories)
    {
        var tree = new CollectionTree();
        foreach (string dir in emptyDirectories)
        {
            tree.EnsureDirectories(dir);
        }

        foreach ((string path, FileContent content) in files)
        {
            tree.PutFile(path, content);
        }

        return tree;
    }

    /// <summary>Adds or overwrites a file, creating its directories (as unpacking an archive does).</summary>
    public void PutFile(string path, FileContent content)
    {
        string parent = HvscPath.Parent(path) ?? string.Empty;
        string actualParent = parent.Length == 0 ? string.Empty : EnsureDirectories(parent);
        string name = HvscPath.FileName(path);
        string actual = actualParent.Length == 0 ? name : $"{actualParent}/{name}";
        if (_files.TryGetValue(actual, out var existing))
        {
            actual = existing.Path;
        }

        _files[actual] = (actual, content);
    }

    public (string Path, FileContent Content)? FindFile(string path) => _files.TryGetValue(path, out var f) ? f : null;

    /// <summary>The stored spelling of a directory, or null; the empty path is the collection root.</summary>
    public string? FindDirectory(string path) => path.Length == 0 ? string.Empty : _directories.GetValueOrDefault(path);

    public bool RemoveFile(string path) => _files.Remove(path);

    public void AddFileIn(string directory, string name, FileContent content)
    {
        string actual = directory.Length == 0 ? name : $"{directory}/{name}";
        _files[actual] = (actual, content);
    }

    /// <summary>Creates the last component of a directory whose parent exists; returns its stored spelling.</summary>
    public string CreateDirectory(string parent, string name)
    {
        string path = parent.Length == 0 ? name : $"{parent}/{name}";
        if (_directories.TryGetValue(path, out string? existing))
        {
            return existing;
        }

        _directories[path] = path;
        return path;
    }

    public bool RemoveDirectory(string path) => _directories.Remove(path);

    public IReadOnlyList<(string Path, FileContent Content)> FilesIn(string directory) =>
        _files.Values.Where(f => string.Equals(HvscPath.Parent(f.Path) ?? string.Empty, directory, StringComparison.OrdinalIgnoreCase)).ToArray();

    public bool IsEmptyDirectory(string directory)
    {
        string prefix = directory + "/";
        return !_files.Keys.Any(k => k.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
               && !_directories.Keys.Any(k => k.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Every file and directory at or below a path, removed (the leftover <c>update/</c> tree).</summary>
    public IReadOnlyList<string> RemoveTree(string directory)
    {
        string prefix = directory + "/";
        string[] files = _files.Keys.Where(k => k.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToArray();
        foreach (string f in files)
        {
            _files.Remove(f);
        }

        foreach (string d in _directories.Keys.Where(k => k.Equals(directory, StringComparison.OrdinalIgnoreCase) || k.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToArray())
        {
            _directories.Remove(d);
        }

        return files;
    }

    /// <summary>Creates a directory and its parents (as unpacking an archive does); returns its stored spelling.</summary>
    public string CreateDirectoryPath(string path) => EnsureDirectories(path);

    private string EnsureDirectories(string path)
    {
        string actual = string.Empty;
        foreach (string part in path.Split('/'))
        {
            actual = CreateDirectory(actual, part);
        }

        return actual;
    }
}
