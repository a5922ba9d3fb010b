namespace SidFlow.Core.Models;

/// <summary>The <c>models</c> container: versions' artifacts and metadata, the approved pointer, the manifest, the training log, the archive.</summary>
public interface IModelStore
{
    Task WriteArtifactAsync(string version, string name, byte[] content, CancellationToken cancellationToken);

    Task<byte[]?> ReadArtifactAsync(string version, string name, CancellationToken cancellationToken);

    Task<ModelMetadata?> ReadMetadataAsync(string version, CancellationToken cancellationToken);

    Task WriteMetadataAsync(ModelMetadata metadata, CancellationToken cancellationToken);

    /// <summary>Every version's metadata (archived ones excluded).</summary>
    Task<IReadOnlyList<ModelMetadata>> ListAsync(CancellationToken cancellationToken);

    Task<ActiveVersion?> ReadActiveVersionAsync(CancellationToken cancellationToken);

    Task WriteActiveVersionAsync(ActiveVersion active, CancellationToken cancellationToken);

    /// <summary>The manifest and the ETag it was read with; null when nothing is published.</summary>
    Task<(ModelManifest Manifest, string ETag)?> ReadManifestAsync(CancellationToken cancellationToken);

    /// <summary>Writes the manifest if it still has <paramref name="expectedETag"/> (null: if there is none); throws <see cref="ModelConflictException"/> otherwise.</summary>
    Task<string> WriteManifestAsync(ModelManifest manifest, string? expectedETag, CancellationToken cancellationToken);

    Task AppendTrainingLogAsync(string line, CancellationToken cancellationToken);

    /// <summary>Copies a version's blobs to <c>backups/{label}/{version}/</c> (the guide's backup of the production model an approval replaces).</summary>
    Task BackupAsync(string version, string label, CancellationToken cancellationToken);

    /// <summary>Moves a version to the archive container (kept there at least <c>model.archiveDays</c>).</summary>
    Task ArchiveAsync(string version, CancellationToken cancellationToken);
}

/// <summary>The manifest or a version changed meanwhile (a concurrent publish or rollback): the API answers 409.</summary>
public sealed class ModelConflictException(string message) : Exception(message);

/// <summary>A model action the model's state does not allow, or a failed gate without force (409 with the reason).</summary>
public sealed class ModelStateException(string message, IReadOnlyList<string>? failedGates = null) : Exception(message)
{
    public IReadOnlyList<string> FailedGates { get; } = failedGates ?? [];
}

/// <summary>No model version by that name (404).</summary>
public sealed class ModelNotFoundException(string version) : Exception($"no model version '{version}'");
