using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using SidFlow.Core.Classification;

namespace SidFlow.Storage.Classification;

/// <summary><c>models/feature-stats.json</c>.</summary>
public sealed class BlobFeatureStatsStore(StorageClients storage) : IFeatureStatsStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly BlobClient _blob = storage.Container(storage.Names.ModelsContainer).GetBlobClient("feature-stats.json");

    public async Task<FeatureStats?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            return JsonSerializer.Deserialize<FeatureStats>((await _blob.DownloadContentAsync(cancellationToken)).Value.Content.ToStream(), Json);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task WriteAsync(FeatureStats stats, CancellationToken cancellationToken) =>
        await _blob.UploadAsync(BinaryData.FromObjectAsJson(stats, Json), overwrite: true, cancellationToken);
}

/// <summary>
/// The published rating model, from <c>models/active-version.json</c>. Training and publishing (and so the
/// model format) arrive with the model issue; until then there is never an active model and ratings come
/// from the heuristic. A pointer written by a newer version is reported, not guessed at.
/// </summary>
public sealed class PublishedModelSource(StorageClients storage, ILogger<PublishedModelSource> logger) : IRatingModelSource
{
    private readonly BlobClient _active = storage.Container(storage.Names.ModelsContainer).GetBlobClient("active-version.json");

    public async Task<IRatingModel?> GetActiveAsync(CancellationToken cancellationToken)
    {
        if (await _active.ExistsAsync(cancellationToken))
        {
            logger.UnloadableActiveModel();
        }

        return null;
    }
}
