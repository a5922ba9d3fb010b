namespace SidFlow.Core.Backup;

/// <summary>Where backups made through the API are kept (the <c>backups</c> container).</summary>
public interface IBackupArchiveStore
{
    Task SaveAsync(string name, Stream archive, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken);

    Task DeleteAsync(string name, CancellationToken cancellationToken);
}
