using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using SidFlow.Core.Render;

namespace SidFlow.Storage.Render;

/// <summary>The <c>renders</c> container: <c>{path}/{subtune}/{renderer}.{wav|m4a|flac}</c> and HLS folders.</summary>
public sealed class BlobRenderAssetStore(StorageClients storage) : IRenderAssetStore
{
    private readonly BlobContainerClient _container = storage.Container(storage.Names.RendersContainer);

    public async Task UploadFileAsync(string blob, string localFile, string contentType, CancellationToken cancellationToken)
    {
        await using FileStream file = File.OpenRead(localFile);
        await _container.GetBlobClient(blob).UploadAsync(file, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, cancellationToken);
    }

    public async Task<long> DeleteAsync(string blobOrPrefix, CancellationToken cancellationToken)
    {
        if (!blobOrPrefix.EndsWith('/'))
        {
            BlobClient blob = _container.GetBlobClient(blobOrPrefix);
            try
            {
                long size = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ContentLength;
                await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken);
                return size;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                return 0;
            }
        }

        long total = 0;
        await foreach (BlobItem item in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, blobOrPrefix, cancellationToken))
        {
            await _container.GetBlobClient(item.Name).DeleteIfExistsAsync(cancellationToken: cancellationToken);
            total += item.Properties.ContentLength ?? 0;
        }

        return total;
    }

    public async Task<byte[]?> ReadAsync(string blob, CancellationToken cancellationToken)
    {
        try
        {
            return (await _container.GetBlobClient(blob).DownloadContentAsync(cancellationToken)).Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task<RenderAssetContent?> OpenAsync(string blob, CancellationToken cancellationToken)
    {
        BlobClient client = _container.GetBlobClient(blob);
        try
        {
            BlobProperties properties = (await client.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            // Reads are pinned to this version, so a re-render mid-download cannot mix two files.
            Stream content = await client.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false), cancellationToken);
            return new RenderAssetContent(content, properties.ContentLength, properties.ContentType ?? "application/octet-stream", properties.ETag.ToString("H"), properties.LastModified);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }
}
