using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
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
