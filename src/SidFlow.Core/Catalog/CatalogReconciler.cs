using Microsoft.Extensions.Logging;
using SidFlow.Core.Collection;
using SidFlow.Core.Hvsc;
using SidFlow.Emulation.Sid;

namespace SidFlow.Core.Catalog;

/// <summary>
/// Makes the catalog agree with the stored collection: a row for every SID file (read again only when its
/// MD5 changed), no row for a file that is gone, and song lengths and STIL data from the collection's
/// current DOCUMENTS/. The catalog is derived data: this can always rebuild it.
/// </summary>
public sealed class CatalogReconciler(ICollectionStore collection, ICatalogStore catalog, ILogger<CatalogReconciler> logger)
{
    public async Task<ReconcileSummary> ReconcileAsync(IProgress<string>? progress, CancellationToken cancellationToken)
    {
        progress?.Report("Reading DOCUMENTS/ (song lengths, STIL)");
        HvscDocuments documents = await HvscDocuments.LoadAsync(collection, cancellationToken);
        var files = new Dictionary<string, CollectionFile>(StringComparer.Ordinal);
        await foreach (CollectionFile file in collection.ListAsync(null, cancellationToken))
        {
            if (HvscPath.IsSidFile(file.Path))
            {
                files[file.Path] = file;
            }
        }

        var rows = new Dictionary<string, CatalogEntry>(StringComparer.Ordinal);
        await foreach (CatalogEntry row in catalog.ListAsync(null, cancellationToken))
        {
            rows[row.Path] = row;
        }

        var writes = new System.Collections.Concurrent.ConcurrentBag<CatalogEntry>();
        int read = 0;
        await Parallel.ForEachAsync(files.Values, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken }, async (file, ct) =>
        {
            rows.TryGetValue(file.Path, out CatalogEntry? row);
            CatalogEntry entry;
            if (row is null || file.Md5 is null || row.Md5 != file.Md5)
            {
                byte[] bytes = await collection.ReadAsync(file.Path, ct) ?? throw new InvalidOperationException($"{file.Path} vanished while cataloguing");
                entry = SidFile.TryParse(bytes, out SidFile? sid, out SidFormatException? error)
                    ? CatalogEntry.FromSid(file.Path, sid!, documents.SongLengths, documents.Stil)
                    : CatalogEntry.FromInvalid(file.Path, bytes, error!);
                int n = Interlocked.Increment(ref read);
                if (n % 500 == 0)
                {
                    progress?.Report($"Cataloguing: {n} files read");
                }
            }
            else
            {
                entry = row.WithDocuments(documents.SongLengths, documents.Stil);
            }

            if (row is null || entry.ComputeFingerprint() != row.ComputeFingerprint())
            {
                writes.Add(entry);
            }
        });

        string[] gone = rows.Keys.Where(p => !files.ContainsKey(p)).ToArray();
        progress?.Report($"Cataloguing: writing {writes.Count} rows, removing {gone.Length}");
        await catalog.UpsertAsync(writes.ToArray(), cancellationToken);
        await catalog.DeleteAsync(gone, cancellationToken);
        var summary = new ReconcileSummary(files.Count, writes.Count, gone.Length, read);
        logger.CatalogReconciled(summary.SidFiles, summary.Written, summary.Deleted, summary.FilesRead);
        return summary;
    }
}

public sealed record ReconcileSummary(int SidFiles, int Written, int Deleted, int FilesRead);
