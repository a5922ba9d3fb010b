namespace SidFlow.Core.Backup;

/// <summary>The storage a backup reads its critical data from and a restore writes it back to.</summary>
public interface IBackupStorage
{
    /// <summary>Every item of critical data, in a stable order; <paramref name="includeSecrets"/> adds the listener salt.</summary>
    IAsyncEnumerable<BackupItem> ListCriticalAsync(bool includeSecrets, CancellationToken cancellationToken);

    Task CopyToAsync(BackupItem item, Stream output, CancellationToken cancellationToken);

    /// <summary>Writes an entry back as it was (the blob type kept, table rows upserted).</summary>
    Task RestoreAsync(BackupEntry entry, Stream content, CancellationToken cancellationToken);

    Task<IReadOnlyList<DerivedData>> DescribeDerivedAsync(CancellationToken cancellationToken);
}

/// <param name="Name">As <see cref="BackupEntry.Name"/>.</param>
public sealed record BackupItem(string Name, string Kind);
