namespace SidFlow.Core.Fetch;

/// <summary>
/// What is installed: the release, the base it came from and each update applied, written last by a
/// fetch, so that it only ever describes a collection that is complete.
/// </summary>
public sealed record HvscVersionRecord
{
    public int Version { get; init; }
    public int BaseVersion { get; init; }
    public PackageRecord? Base { get; init; }
    public IReadOnlyList<PackageRecord> Updates { get; init; } = [];
    public string? Source { get; init; }

    /// <summary>When the collection last changed (ms since the epoch).</summary>
    public long InstalledAt { get; init; }

    /// <summary>When a fetch last confirmed the collection is current (ms since the epoch).</summary>
    public long CheckedAt { get; init; }

    public int SidCount { get; init; }

    /// <summary>Directories without files; blob storage keeps no directories, update scripts may need them.</summary>
    public IReadOnlyList<string> EmptyDirectories { get; init; } = [];
}

/// <summary>An installed archive: its name, release number, sha256 and when it was applied.</summary>
public sealed record PackageRecord(string Name, int Version, string? Sha256, long AppliedAt);
