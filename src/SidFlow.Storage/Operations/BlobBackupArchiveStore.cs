using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using SidFlow.Core.Backup;

namespace SidFlow.Storage.Operations;

/// <summary>The <c>backups</c> container: one blob per backup, named as the backup file.</summary>
public sealed class BlobBackupArchiveStore(StorageClients storage) : IBackupArchiveStore
{
    private readonly BlobContainerClient _container = storage.Container(storage.Names.BackupsContainer);

    public async Task SaveAsync(string name, Stream archive, CancellationToken cancellationToken) =>
        await _container.GetBlobClient(name).UploadAsync(archive, overwrite: false, cancellationToken);

    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (BlobItem blob in _container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken) =>
        await _container.DeleteBlobIfExistsAsync(name, cancellationToken: cancellationToken);
}
