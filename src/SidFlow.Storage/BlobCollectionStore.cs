using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using SidFlow.Core.Collection;

namespace SidFlow.Storage;

/// <summary>The collection in the <c>hvsc</c> container, one blob per HVSC path, with Content-MD5 set.</summary>
public sealed class BlobCollectionStore(StorageClients storage) : ICollectionStore
{
    private readonly BlobContainerClient _container = storage.Container(storage.Names.CollectionContainer);

    public async IAsyncEnumerable<CollectionFile> ListAsync(string? prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (BlobItem blob in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
        {
            byte[]? hash = blob.Properties.ContentHash;
            yield return new CollectionFile(
                blob.Name,
                blob.Properties.ContentLength ?? 0,
                hash is { Length: 16 } ? Convert.ToHexStringLower(hash) : null,
                blob.Properties.LastModified);
        }
    }

    public async Task<byte[]?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            BlobDownloadResult result = await _container.GetBlobClient(path).DownloadContentAsync(cancellationToken);
            return result.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        await _container.GetBlobClient(path).UploadAsync(BinaryData.FromBytes(content), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders
            {
                ContentHash = MD5.HashData(content.Span),
                ContentType = "application/octet-stream",
            },
        }, cancellationToken);
    }

    public async Task<bool> DeleteAsync(string path, CancellationToken cancellationToken)
    {
        Response<bool> response = await _container.GetBlobClient(path).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        return response.Value;
    }
}
