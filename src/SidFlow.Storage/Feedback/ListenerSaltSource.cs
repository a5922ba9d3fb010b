using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using SidFlow.Core.Feedback;

namespace SidFlow.Storage.Feedback;

/// <summary>
/// The listener salt: <c>SIDFLOW_LISTENER_SALT</c> when set; otherwise 32 random bytes made once and kept in
/// <c>state/listener-salt</c> (written only if absent, so every instance reads the same one).
/// </summary>
public sealed class ListenerSaltSource(StorageClients storage) : IListenerSaltSource
{
    private readonly BlobClient _blob = storage.Container(storage.Names.StateContainer).GetBlobClient("listener-salt");

    public async Task<byte[]> GetAsync(CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable("SIDFLOW_LISTENER_SALT") is { Length: >= 16 } configured)
        {
            return System.Text.Encoding.UTF8.GetBytes(configured);
        }

        try
        {
            await _blob.UploadAsync(BinaryData.FromBytes(RandomNumberGenerator.GetBytes(32)),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Made by another instance, or before: read it.
        }

        return (await _blob.DownloadContentAsync(cancellationToken)).Value.Content.ToArray();
    }
}
