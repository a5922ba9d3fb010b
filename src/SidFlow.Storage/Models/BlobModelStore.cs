using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using SidFlow.Core.Models;

namespace SidFlow.Storage.Models;

/// <summary>
/// The <c>models</c> container: <c>{version}/...</c> (artifacts, <c>model-metadata.json</c>), <c>active-version.json</c>,
/// <c>manifest.json</c> (replaced only with the ETag it was read with), <c>training/training-log.jsonl</c> (append
/// blob), <c>backups/{date}/{version}/...</c>; archived versions move to <c>modelarchive/{version}/...</c>.
/// </summary>
public sealed class BlobModelStore(StorageClients storage) : IModelStore
{
    public const string MetadataName = "model-metadata.json";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly BlobContainerClient _models = storage.Container(storage.Names.ModelsContainer);
    private readonly BlobContainerClient _archive = storage.Container(storage.Names.ModelArchiveContainer);

    public async Task WriteArtifactAsync(string version, string name, byte[] content, CancellationToken cancellationToken) =>
        await _models.GetBlobClient($"{Check(version)}/{name}").UploadAsync(BinaryData.FromBytes(content), overwrite: true, cancellationToken);

    public async Task<byte[]?> ReadArtifactAsync(string version, string name, CancellationToken cancellationToken)
    {
        try
        {
            return (await _models.GetBlobClient($"{Check(version)}/{name}").DownloadContentAsync(cancellationToken)).Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task<ModelMetadata?> ReadMetadataAsync(string version, CancellationToken cancellationToken) =>
        await ReadArtifactAsync(version, MetadataName, cancellationToken) is { } bytes ? JsonSerializer.Deserialize<ModelMetadata>(bytes, Json) : null;

    public Task WriteMetadataAsync(ModelMetadata metadata, CancellationToken cancellationToken) =>
        WriteArtifactAsync(metadata.ModelVersion, MetadataName, JsonSerializer.SerializeToUtf8Bytes(metadata, Json), cancellationToken);

    public async Task<IReadOnlyList<ModelMetadata>> ListAsync(CancellationToken cancellationToken)
    {
        var versions = new List<string>();
        await foreach (BlobHierarchyItem item in _models.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/", null, cancellationToken))
        {
            if (item.IsPrefix && ModelVersion.TryParse(item.Prefix.TrimEnd('/'), out _))
            {
                versions.Add(item.Prefix.TrimEnd('/'));
            }
        }

        ModelMetadata?[] all = await Task.WhenAll(versions.Select(v => ReadMetadataAsync(v, cancellationToken)));
        return all.OfType<ModelMetadata>().ToArray();
    }

    public async Task<ActiveVersion?> ReadActiveVersionAsync(CancellationToken cancellationToken) =>
        (await ReadJsonAsync<ActiveVersion>("active-version.json", cancellationToken))?.Value;

    public async Task WriteActiveVersionAsync(ActiveVersion active, CancellationToken cancellationToken) =>
        await _models.GetBlobClient("active-version.json").UploadAsync(BinaryData.FromObjectAsJson(active, Json), overwrite: true, cancellationToken);

    public async Task<(ModelManifest Manifest, string ETag)?> ReadManifestAsync(CancellationToken cancellationToken) =>
        await ReadJsonAsync<ModelManifest>("manifest.json", cancellationToken) is { } read ? (read.Value, read.ETag) : null;

    public async Task<string> WriteManifestAsync(ModelManifest manifest, string? expectedETag, CancellationToken cancellationToken)
    {
        var conditions = expectedETag is null ? new BlobRequestConditions { IfNoneMatch = ETag.All } : new BlobRequestConditions { IfMatch = new ETag(expectedETag) };
        try
        {
            Response<BlobContentInfo> written = await _models.GetBlobClient("manifest.json").UploadAsync(BinaryData.FromObjectAsJson(manifest, Json),
                new BlobUploadOptions { Conditions = conditions, HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } }, cancellationToken);
            return written.Value.ETag.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            throw new ModelConflictException("the manifest changed meanwhile (another publish or rollback): read it again and retry");
        }
    }

    public async Task AppendTrainingLogAsync(string line, CancellationToken cancellationToken)
    {
        AppendBlobClient log = _models.GetAppendBlobClient("training/training-log.jsonl");
        await log.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(line + "\n"));
        await log.AppendBlockAsync(stream, cancellationToken: cancellationToken);
    }

    public Task BackupAsync(string version, string label, CancellationToken cancellationToken) =>
        CopyAsync(version, _models, $"backups/{label}/", new Dictionary<string, string> { ["backedUpAt"] = DateTimeOffset.UtcNow.ToString("O") }, cancellationToken);

    public async Task ArchiveAsync(string version, CancellationToken cancellationToken)
    {
        await CopyAsync(version, _archive, string.Empty, new Dictionary<string, string> { ["archivedAt"] = DateTimeOffset.UtcNow.ToString("O") }, cancellationToken);
        await foreach (BlobItem blob in _models.GetBlobsAsync(BlobTraits.None, BlobStates.None, Check(version) + "/", cancellationToken))
        {
            await _models.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken);
        }
    }

    /// <summary>Copies every blob of a version under <paramref name="prefix"/> of <paramref name="target"/>, replacing what an interrupted copy left.</summary>
    private async Task CopyAsync(string version, BlobContainerClient target, string prefix, Dictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        await foreach (BlobItem blob in _models.GetBlobsAsync(BlobTraits.None, BlobStates.None, Check(version) + "/", cancellationToken))
        {
            BinaryData content = (await _models.GetBlobClient(blob.Name).DownloadContentAsync(cancellationToken)).Value.Content;
            await target.GetBlobClient(prefix + blob.Name).UploadAsync(content, new BlobUploadOptions { Metadata = metadata }, cancellationToken);
        }
    }

    private async Task<(T Value, string ETag)?> ReadJsonAsync<T>(string name, CancellationToken cancellationToken)
    {
        try
        {
            BlobDownloadResult result = (await _models.GetBlobClient(name).DownloadContentAsync(cancellationToken)).Value;
            return (JsonSerializer.Deserialize<T>(result.Content.ToStream(), Json)!, result.Details.ETag.ToString());
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private static string Check(string version) =>
        ModelVersion.TryParse(version, out _) ? version : throw new ModelNotFoundException(version);
}
