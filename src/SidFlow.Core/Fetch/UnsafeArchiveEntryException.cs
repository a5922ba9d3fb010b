namespace SidFlow.Core.Fetch;

/// <summary>An archive entry whose path would leave the collection (<c>../</c>, an absolute path, a drive letter).</summary>
public sealed class UnsafeArchiveEntryException(string entry, string reason)
    : Exception($"archive entry '{entry}' is refused: {reason}; nothing was written")
{
    public string Entry { get; } = entry;
}
