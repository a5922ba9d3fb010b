using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using SidFlow.Core.Jobs;

namespace SidFlow.Storage.Jobs;

/// <summary>Blob leases on <c>state/leases/{name}</c>; the blob's content is the lease's small state document.</summary>
public sealed class BlobLeaseProvider(StorageClients storage) : ILeaseProvider
{
    private readonly BlobContainerClient _container = storage.Container(storage.Names.StateContainer);

    public async Task<ILease?> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken)
    {
        BlobClient blob = _container.GetBlobClient($"leases/{name}");
        try
        {
            await blob.UploadAsync(BinaryData.FromString(string.Empty),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // It exists already.
        }

        BlobLeaseClient leaseClient = blob.GetBlobLeaseClient();
        try
        {
            await leaseClient.AcquireAsync(duration, cancellationToken: cancellationToken);
            return new BlobLease(blob, leaseClient);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    private sealed class BlobLease(BlobClient blob, BlobLeaseClient lease) : ILease
    {
        public async Task<bool> RenewAsync(CancellationToken cancellationToken)
        {
            try
            {
                await lease.RenewAsync(cancellationToken: cancellationToken);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                return false;
            }
        }

        public async Task<string?> ReadStateAsync(CancellationToken cancellationToken)
        {
            BlobDownloadResult result = (await blob.DownloadContentAsync(cancellationToken)).Value;
            string text = result.Content.ToString();
            return text.Length == 0 ? null : text;
        }

        public async Task WriteStateAsync(string state, CancellationToken cancellationToken) =>
            await blob.UploadAsync(new BinaryData(Encoding.UTF8.GetBytes(state)),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { LeaseId = lease.LeaseId } }, cancellationToken);

        public async ValueTask DisposeAsync()
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await lease.ReleaseAsync(cancellationToken: timeout.Token);
            }
            catch (Exception ex) when (ex is RequestFailedException or OperationCanceledException)
            {
                // It expires by itself.
            }
        }
    }
}
