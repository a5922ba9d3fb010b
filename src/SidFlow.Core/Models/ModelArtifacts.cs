using System.Security.Cryptography;

namespace SidFlow.Core.Models;

/// <summary>A version's artifacts, read and checked against their recorded sha256, then loaded as a model.</summary>
public static class ModelArtifacts
{
    public static string Checksum(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Every artifact, verified; throws <see cref="ModelIntegrityException"/> naming the first missing or changed one.</summary>
    public static async Task<Dictionary<string, byte[]>> ReadVerifiedAsync(IModelStore store, string version, IReadOnlyDictionary<string, ModelArtifact> expected, CancellationToken cancellationToken)
    {
        var contents = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach ((string name, ModelArtifact artifact) in expected)
        {
            byte[] bytes = await store.ReadArtifactAsync(version, name, cancellationToken)
                ?? throw new ModelIntegrityException($"artifact {name} of model {version} is missing");
            if (Checksum(bytes) != artifact.Checksum || bytes.LongLength != artifact.SizeBytes)
            {
                throw new ModelIntegrityException($"artifact {name} of model {version} does not match its checksum (recorded {artifact.Checksum}, found {Checksum(bytes)})");
            }

            contents[name] = bytes;
        }

        return contents;
    }

    /// <summary>The version loaded from verified artifacts; null when it has no metadata.</summary>
    public static async Task<TrainedRatingModel?> LoadAsync(IModelStore store, string version, IReadOnlyDictionary<string, ModelArtifact> expected, ModelMonitor? monitor, CancellationToken cancellationToken)
    {
        ModelMetadata? metadata = await store.ReadMetadataAsync(version, cancellationToken);
        if (metadata is null)
        {
            return null;
        }

        Dictionary<string, byte[]> artifacts = await ReadVerifiedAsync(store, version, expected, cancellationToken);
        return TrainedRatingModel.Load(metadata, artifacts, monitor);
    }
}

/// <summary>An artifact missing or not matching its checksum: the model is not published or loaded.</summary>
public sealed class ModelIntegrityException(string message) : Exception(message);
