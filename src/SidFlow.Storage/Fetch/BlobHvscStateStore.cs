using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using SidFlow.Core.Fetch;
using SidFlow.Core.Hvsc.Update;

namespace SidFlow.Storage.Fetch;

/// <summary>
/// The fetch's state: <c>hvsc/version.json</c> and <c>hvsc/plan.json</c> in the <c>state</c> container, and the
/// staged file contents of a plan in a container of its own (<c>stage-{planId}</c>), removed in one call.
/// </summary>
public sealed class BlobHvscStateStore(StorageClients storage) : IHvscStateStore
{
    private const string VersionBlob = "hvsc/version.json";
    private const string PlanBlob = "hvsc/plan.json";
    private const string StagingContainerPrefix = "stage-";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly BlobContainerClient _container = storage.Container(storage.Names.StateContainer);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task> _stagingCreated = new(StringComparer.Ordinal);

    public Task<HvscVersionRecord?> ReadVersionAsync(CancellationToken cancellationToken) => ReadJsonAsync<HvscVersionRecord>(VersionBlob, cancellationToken);

    public Task WriteVersionAsync(HvscVersionRecord record, CancellationToken cancellationToken) => WriteJsonAsync(VersionBlob, record, cancellationToken);

    public Task<FetchPlan?> ReadPlanAsync(CancellationToken cancellationToken) => ReadJsonAsync<FetchPlan>(PlanBlob, cancellationToken);

    public Task WritePlanAsync(FetchPlan plan, CancellationToken cancellationToken) => WriteJsonAsync(PlanBlob, plan, cancellationToken);

    public async Task DeletePlanAsync(string planId, CancellationToken cancellationToken)
    {
        await _container.GetBlobClient(PlanBlob).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        await DeleteStagingAsync(planId, cancellationToken);
    }

    public async Task DeleteStagingAsync(string planId, CancellationToken cancellationToken)
    {
        await storage.Container(StagingContainer(planId)).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        _stagingCreated.TryRemove(planId, out _);
    }

    public async Task<StagedContent> StageAsync(string planId, byte[] bytes, CancellationToken cancellationToken)
    {
        string container = StagingContainer(planId);
        await _stagingCreated.GetOrAdd(planId, _ => storage.Container(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken));
        byte[] hash = MD5.HashData(bytes);
        string md5 = Convert.ToHexStringLower(hash);
        try
        {
            await storage.Container(container).GetBlobClient(md5).UploadAsync(BinaryData.FromBytes(bytes), new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentHash = hash },
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Same content staged already (names are content hashes).
        }

        return new StagedContent($"{container}/{md5}", md5, bytes.Length);
    }

    public async Task<byte[]> ReadStagedAsync(string blob, CancellationToken cancellationToken)
    {
        int slash = blob.IndexOf('/');
        string container = slash > 0 ? blob[..slash] : string.Empty;
        if (!container.StartsWith(storage.Names.Prefix + StagingContainerPrefix, StringComparison.Ordinal) || slash == blob.Length - 1)
        {
            throw new ArgumentException($"'{blob}' is not a staged file", nameof(blob));
        }

        return (await storage.Container(container).GetBlobClient(blob[(slash + 1)..]).DownloadContentAsync(cancellationToken)).Value.Content.ToArray();
    }

    private string StagingContainer(string planId) => storage.Names.Prefix + StagingContainerPrefix + planId.ToLowerInvariant();

    private async Task<T?> ReadJsonAsync<T>(string name, CancellationToken cancellationToken) where T : class
    {
        try
        {
            BlobDownloadResult result = (await _container.GetBlobClient(name).DownloadContentAsync(cancellationToken)).Value;
            return JsonSerializer.Deserialize<T>(result.Content.ToStream(), Json);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private async Task WriteJsonAsync<T>(string name, T value, CancellationToken cancellationToken) =>
        await _container.GetBlobClient(name).UploadAsync(BinaryData.FromObjectAsJson(value, Json), overwrite: true, cancellationToken);
}
