using System.Text.Json.Serialization;

namespace SidFlow.Core.Backup;

/// <summary><c>manifest.json</c> inside a backup: what it holds, with a sha256 per entry, and what it deliberately leaves out.</summary>
public sealed record BackupManifest(
    int FormatVersion,
    DateTimeOffset CreatedAt,
    bool Encrypted,
    IReadOnlyList<BackupEntry> Entries,
    IReadOnlyList<DerivedData> Derived)
{
    public const int CurrentFormat = 1;
    public const string EntryName = "manifest.json";
}

/// <param name="Name">Where it came from: <c>blob/{container}/{name}</c>, <c>table/{table}</c> (JSON lines of entities) or <c>config/{file}</c>.</param>
/// <param name="Kind">How to put it back: <c>block</c> or <c>append</c> blob, <c>table</c>, <c>config</c>.</param>
public sealed record BackupEntry(string Name, string Kind, long Size, string Sha256);

/// <summary>Data the backup lists but does not copy: it is rebuilt from the rest (a classify job) or fetched again.</summary>
public sealed record DerivedData(string What, long Items, long Bytes, [property: JsonPropertyName("rebuild")] string Rebuild);
