using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using SidFlow.Core.Jobs;

namespace SidFlow.Storage.Jobs;

/// <summary>Scratch blobs under <c>jobtemp/{jobId}/</c>.</summary>
public sealed class BlobJobTempStore(StorageClients storage) : IJobTempStore
{
    private readonly BlobContainerClient _container = storage.Container(storage.Names.JobTempContainer);

    public async Task WriteAsync(string jobId, string name, Stream content, CancellationToken cancellationToken) =>
        await _container.GetBlobClient(Name(jobId, name)).UploadAsync(content, overwrite: true, cancellationToken);

    public async Task<Stream?> OpenReadAsync(string jobId, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await _container.GetBlobClient(Name(jobId, name)).OpenReadAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task<bool> ExistsAsync(string jobId, string name, CancellationToken cancellationToken) =>
        await _container.GetBlobClient(Name(jobId, name)).ExistsAsync(cancellationToken);

    public async Task<IReadOnlyList<string>> ListAsync(string jobId, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        string prefix = jobId + "/";
        await foreach (BlobItem blob in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
        {
            names.Add(blob.Name[prefix.Length..]);
        }

        return names;
    }

    public async Task<int> DeleteAllAsync(string jobId, CancellationToken cancellationToken)
    {
        int deleted = 0;
        foreach (string name in await ListAsync(jobId, cancellationToken))
        {
            if ((await _container.GetBlobClient(Name(jobId, name)).DeleteIfExistsAsync(cancellationToken: cancellationToken)).Value)
            {
                deleted++;
            }
        }

        return deleted;
    }

    private static string Name(string jobId, string name) => $"{jobId}/{name}";
}
