using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using SidFlow.Core.Catalog;
using SidFlow.Core.Hvsc;
using SidFlow.Emulation.Sid;

namespace SidFlow.Core.Collection;

/// <summary>
/// Copies a local HVSC tree into the stored collection and catalogues every SID file.
/// Files whose MD5 matches what is stored are not uploaded again; catalog rows that did not change are not rewritten.
/// </summary>
public sealed class CollectionImporter(ICollectionStore collection, ICatalogStore catalog, ILogger<CollectionImporter> logger)
{
    private const int Parallelism = 8;

    public async Task<ImportSummary> ImportAsync(string sourceDirectory, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        LocalCollectionTree tree = LocalCollectionTree.Open(sourceDirectory);
        IReadOnlyList<(string HvscPath, string FullPath)> files = tree.Files();
        logger.Importing(files.Count, tree.Root);

        HvscDocuments documents = await HvscDocuments.LoadAsync(tree, cancellationToken);
        var stored = new Dictionary<string, CollectionFile>(StringComparer.Ordinal);
        await foreach (CollectionFile file in collection.ListAsync(null, cancellationToken))
        {
            stored[file.Path] = file;
        }

        IReadOnlyDictionary<string, string> fingerprints = await catalog.GetFingerprintsAsync(cancellationToken);

        var rows = new ConcurrentBag<CatalogEntry>();
        var failures = new ConcurrentBag<ImportFailure>();
        int processed = 0, uploaded = 0, sidFiles = 0;
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (file, ct) =>
        {
            byte[] bytes = await File.ReadAllBytesAsync(file.FullPath, ct);
            string md5 = Convert.ToHexStringLower(MD5.HashData(bytes));
            if (!stored.TryGetValue(file.HvscPath, out CollectionFile? existing) || existing.Md5 != md5 || existing.Size != bytes.Length)
            {
                await collection.WriteAsync(file.HvscPath, bytes, ct);
                Interlocked.Increment(ref uploaded);
            }

            if (HvscPath.IsSidFile(file.HvscPath))
            {
                Interlocked.Increment(ref sidFiles);
                CatalogEntry entry = Catalogue(file.HvscPath, bytes, documents, failures);
                if (!fingerprints.TryGetValue(file.HvscPath, out string? fingerprint) || fingerprint != entry.ComputeFingerprint())
                {
                    rows.Add(entry);
                }
            }

            int done = Interlocked.Increment(ref processed);
            progress?.Report(new ImportProgress(done, files.Count, Volatile.Read(ref uploaded), file.HvscPath));
        });

        await catalog.UpsertAsync(rows.ToArray(), cancellationToken);
        var summary = new ImportSummary(tree.Root, files.Count, sidFiles, uploaded, files.Count - uploaded, rows.Count,
            failures.OrderBy(f => f.Path, StringComparer.Ordinal).ToArray(), clock.Elapsed);
        logger.Imported(summary.Files, summary.SidFiles, summary.Elapsed, summary.Uploaded, summary.CatalogRowsWritten, summary.Failures.Count);
        return summary;
    }

    private CatalogEntry Catalogue(string path, byte[] bytes, HvscDocuments documents, ConcurrentBag<ImportFailure> failures)
    {
        if (SidFile.TryParse(bytes, out SidFile? sid, out SidFormatException? error))
        {
            return CatalogEntry.FromSid(path, sid!, documents.SongLengths, documents.Stil);
        }

        SidFormatException invalid = error!;
        logger.InvalidSid(invalid, path);
        failures.Add(new ImportFailure(path, invalid.Error.ToString(), invalid.Message));
        return CatalogEntry.FromInvalid(path, bytes, invalid);
    }
}
