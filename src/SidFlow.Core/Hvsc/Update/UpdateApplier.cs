using System.Security.Cryptography;

namespace SidFlow.Core.Hvsc.Update;

/// <summary>
/// Runs an update script on a <see cref="CollectionTree"/> in script order, with the official tool's
/// semantics (SPEC.md): DELETE, MKDIR, MOVE, REPLACE and the header edits. Errors are collected with
/// their line numbers, as the tool logs them; with none, the script ends up in DOCUMENTS/.
/// </summary>
public sealed class UpdateApplier(CollectionTree tree, Func<FileContent, CancellationToken, Task<byte[]>> readContent)
{
    private readonly List<UpdateError> _errors = [];
    private readonly List<string> _warnings = [];

    public IReadOnlyList<UpdateError> Errors => _errors;
    public IReadOnlyList<string> Warnings => _warnings;

    /// <param name="scriptPath">Where the script lies in the tree (<c>update/UpdateNN.hvs</c>).</param>
    public async Task ApplyAsync(UpdateScript script, string scriptPath, CancellationToken cancellationToken)
    {
        foreach (UpdateCommand command in script.Commands)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (PathsOf(command).FirstOrDefault(p => !StaysInCollection(p)) is { } escaping)
            {
                Error(command, $"{escaping} leaves the collection");
                continue;
            }

            switch (command)
            {
                case DeleteCommand d:
                    Delete(d);
                    break;
                case MakeDirectoryCommand m:
                    MakeDirectory(m);
                    break;
                case MoveCommand m:
                    Move(m);
                    break;
                case HeaderEditCommand h:
                    await EditAsync(h, cancellationToken);
                    break;
            }
        }

        if (_errors.Count == 0)
        {
            // After an error-free run the tool keeps the script in DOCUMENTS/ and removes it from update/.
            var scriptFile = tree.FindFile(scriptPath) ?? throw new InvalidOperationException($"{scriptPath} is not in the tree");
            string docs = tree.FindDirectory("DOCUMENTS") ?? tree.CreateDirectory(string.Empty, "DOCUMENTS");
            string name = HvscPath.FileName(scriptFile.Path);
            if (tree.FindFile($"{docs}/{name}") is { } existing)
            {
                tree.RemoveFile(existing.Path);
            }

            tree.AddFileIn(docs, name, scriptFile.Content);
            tree.RemoveFile(scriptFile.Path);
        }
    }

    private void Delete(DeleteCommand d)
    {
        (string path, bool directory) = Split(d.Path);
        if (!directory && tree.FindFile(path) is { } file)
        {
            tree.RemoveFile(file.Path);
            return;
        }

        if (path.Length > 0 && tree.FindDirectory(path) is { } dir)
        {
            if (!tree.IsEmptyDirectory(dir))
            {
                Error(d, $"{d.Path} is not empty");
                return;
            }

            tree.RemoveDirectory(dir);
            return;
        }

        Error(d, $"{d.Path} does not exist");
    }

    private void MakeDirectory(MakeDirectoryCommand m)
    {
        (string path, _) = Split(m.Path);
        if (tree.FindDirectory(path) is not null)
        {
            return;
        }

        string? parent = tree.FindDirectory(HvscPath.Parent(path) ?? string.Empty);
        if (parent is null || path.Length == 0)
        {
            Error(m, $"the parent of {m.Path} does not exist");
            return;
        }

        tree.CreateDirectory(parent, HvscPath.FileName(path));
    }

    private void Move(MoveCommand m)
    {
        (string source, bool sourceIsDirectory) = Split(m.Source);
        (string destination, bool destinationIsDirectory) = Split(m.Destination);
        if (!sourceIsDirectory && tree.FindFile(source) is { } file)
        {
            MoveFile(m, file, destination, destinationIsDirectory, HvscPath.FileName(source));
            return;
        }

        if (source.Length > 0 && tree.FindDirectory(source) is { } dir)
        {
            string? target = ResolveOrCreateDirectory(m, destination);
            if (target is null)
            {
                return;
            }

            // Only the files directly in the source move; its sub-directories stay, and so does the source, emptied.
            foreach (var f in tree.FilesIn(dir))
            {
                Place(m, f, target, HvscPath.FileName(f.Path));
            }

            return;
        }

        Error(m, $"{m.Source} does not exist");
    }

    private void MoveFile(MoveCommand m, (string Path, FileContent Content) file, string destination, bool destinationIsDirectory, string sourceName)
    {
        if (destination.Length == 0 || tree.FindDirectory(destination) is not null || destinationIsDirectory)
        {
            string? dir = ResolveOrCreateDirectory(m, destination);
            if (dir is not null)
            {
                Place(m, file, dir, sourceName);
            }

            return;
        }

        string? parent = tree.FindDirectory(HvscPath.Parent(destination) ?? string.Empty);
        if (parent is null)
        {
            Error(m, $"the parent of {m.Destination} does not exist");
            return;
        }

        Place(m, file, parent, HvscPath.FileName(destination));
    }

    private void Place(MoveCommand m, (string Path, FileContent Content) file, string directory, string name)
    {
        string target = directory.Length == 0 ? name : $"{directory}/{name}";
        if (tree.FindFile(target) is { } existing)
        {
            if (string.Equals(existing.Path, file.Path, StringComparison.Ordinal))
            {
                Error(m, $"{file.Path} cannot be moved onto itself");
                return;
            }

            if (!m.Replace)
            {
                Error(m, $"{existing.Path} exists already");
                return;
            }

            tree.RemoveFile(existing.Path);
        }

        tree.RemoveFile(file.Path);
        tree.AddFileIn(directory, name, file.Content);
    }

    /// <summary>An existing directory, or its last component created when the parent exists.</summary>
    private string? ResolveOrCreateDirectory(MoveCommand m, string path)
    {
        if (tree.FindDirectory(path) is { } existing)
        {
            return existing;
        }

        string? parent = tree.FindDirectory(HvscPath.Parent(path) ?? string.Empty);
        if (parent is null)
        {
            Error(m, $"the parent of {m.Destination} does not exist");
            return null;
        }

        return tree.CreateDirectory(parent, HvscPath.FileName(path));
    }

    private async Task EditAsync(HeaderEditCommand h, CancellationToken cancellationToken)
    {
        (string path, _) = Split(h.Target);
        if (tree.FindFile(path) is not { } file)
        {
            Error(h, $"{h.Target} does not exist");
            return;
        }

        byte[] bytes = await readContent(file.Content, cancellationToken);
        try
        {
            byte[] edited = SidHeaderEditor.Apply(bytes, h, out string? warning);
            if (warning is not null)
            {
                _warnings.Add($"Line {h.Line}, {h.Keyword}: {warning}");
            }

            tree.AddFileIn(HvscPath.Parent(file.Path) ?? string.Empty, HvscPath.FileName(file.Path),
                new InlineContent(edited, Convert.ToHexStringLower(MD5.HashData(edited))));
        }
        catch (HeaderEditRefusedException ex)
        {
            Error(h, $"{ex.Message} ({h.Target})");
        }
    }

    private static IEnumerable<string> PathsOf(UpdateCommand command) => command switch
    {
        DeleteCommand d => [d.Path],
        MakeDirectoryCommand m => [m.Path],
        MoveCommand m => [m.Source, m.Destination],
        HeaderEditCommand h => [h.Target],
        _ => [],
    };

    private static bool StaysInCollection(string raw) =>
        !raw.Replace('\\', '/').Split('/').Any(part => part is ".." or ".") && !(raw.Length >= 2 && raw[1] == ':');

    /// <summary>A script path as the tool reads it: '/' or '\' separate, a leading '/' is optional, a trailing one marks a directory.</summary>
    private static (string Path, bool Directory) Split(string raw)
    {
        string p = raw.Replace('\\', '/');
        bool directory = p.EndsWith('/');
        p = p.Trim('/');
        return (p, directory);
    }

    private void Error(UpdateCommand command, string message) => _errors.Add(new UpdateError(command.Line, command.Keyword, message));
}
