using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SidFlow.Core.Models;

/// <summary><c>models/manifest.json</c>: the published model, in the guide's shape. Written in one ETag-conditional write.</summary>
public sealed record ModelManifest
{
    public required string ActiveVersion { get; init; }
    public required DateTimeOffset PublishedAt { get; init; }
    public string ManifestChecksum { get; init; } = string.Empty;
    public required IReadOnlyDictionary<string, ModelArtifact> Artifacts { get; init; }
    public required ManifestMetadata Metadata { get; init; }
    public required ManifestRollback Rollback { get; init; }

    /// <summary>What the last change was: publish or rollback, by whom, why.</summary>
    public required ManifestChange Change { get; init; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The manifest with its checksum: sha256 of its JSON with the checksum field empty.</summary>
    public ModelManifest Sealed() => this with { ManifestChecksum = ChecksumOf(this) };

    /// <summary>Whether the checksum still matches the content (not serialized: the checksum is of the serialized manifest).</summary>
    [JsonIgnore]
    public bool IsIntact => ManifestChecksum == ChecksumOf(this);

    private static string ChecksumOf(ModelManifest manifest) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(manifest with { ManifestChecksum = string.Empty }, Json)));
}

public sealed record ManifestMetadata(DateTimeOffset TrainedAt, int Samples, ManifestMetrics Metrics, string FeatureSetVersion);

public sealed record ManifestMetrics(double Mae, double R2);

/// <param name="AvailableVersions">Earlier production versions still kept (the last five), oldest first.</param>
public sealed record ManifestRollback(string? PreviousVersion, IReadOnlyList<string> AvailableVersions);

public sealed record ManifestChange(
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("actor")] string Actor,
    [property: JsonPropertyName("reason")] string? Reason);

/// <summary><c>models/active-version.json</c>: the version approved for production (publish deploys it).</summary>
public sealed record ActiveVersion(string Version, DateTimeOffset ApprovedAt, string ApprovedBy, string? Notes, string? PreviousVersion);
