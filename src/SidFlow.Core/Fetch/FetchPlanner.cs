using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SidFlow.Core.Catalog;
using SidFlow.Core.Collection;
using SidFlow.Core.Hvsc;
using SidFlow.Core.Hvsc.Update;
using SidFlow.Emulation.Sid;

namespace SidFlow.Core.Fetch;

/// <summary>How a fetch tells what it is doing: a status line for progress, and log lines.</summary>
public sealed record FetchReporter(Action<string> Status, Action<string> Log, Action<string> Warn)
{
    public static FetchReporter Silent { get; } = new(_ => { }, _ => { }, _ => { });
}

/// <summary>
/// Decides what to install (the newest base when nothing is installed or on force, then every newer
/// update in order), fetches the packages, and runs them on an in-memory model of the collection:
/// a base replaces it, an update runs its script as the official tool does. The result is a
/// <see cref="FetchPlan"/>; nothing in the collection has changed yet.
/// </summary>
public sealed class FetchPlanner(ICollectionStore collection, ICatalogStore catalog, IHvscStateStore state, IOptions<FetchOptions> options, TimeProvider time, ILogger<FetchPlanner> logger)
{
    /// <summary>Files staged or written at once while an archive is read.</summary>
    private const int UploadConcurrency = 32;

    /// <summary>The plan, or null when the collection is already current.</summary>
    public async Task<FetchPlan?> PlanAsync(IHvscSource source, bool force, string jobId, FetchReporter report, CancellationToken cancellationToken)
    {
        HvscVersionRecord? installed = await state.ReadVersionAsync(cancellationToken);
        report.Status($"Listing {source.Description}");
        IReadOnlyList<HvscPackage> offered = await source.ListAsync(cancellationToken);
        (HvscPackage? basePackage, IReadOnlyList<HvscPackage> updates) = Choose(offered, installed, force, source);
        if (basePackage is null && updates.Count == 0)
        {
            report.Log($"The collection is current at release {installed?.Version}; {source.Description} offers nothing newer");
            return null;
        }

        report.Log($"Installed: {(installed is null ? "nothing" : $"release {installed.Version}")}. To install: " +
                   string.Join(", ", (basePackage is null ? [] : new[] { basePackage }).Concat(updates).Select(p => p.Name)));

        var stored = new Dictionary<string, CollectionFile>(StringComparer.Ordinal);
        await foreach (CollectionFile file in collection.ListAsync(null, cancellationToken))
        {
            stored[file.Path] = file;
        }

        // The plan is named after its job: listing again after a crash reuses what was staged.
        string planId = jobId;
        CollectionTree tree = basePackage is not null
            ? CollectionTree.Create([], [])
            : CollectionTree.Create(stored.Values.Select(f => (f.Path, (FileContent)new StoredContent(f.Path, f.Md5 ?? string.Empty, f.Size))), installed?.EmptyDirectories ?? []);
        long now = time.GetUtcNow().ToUnixTimeMilliseconds();
        HvscVersionRecord target = basePackage is null
            ? installed! with { Updates = [.. installed.Updates] }
            : new HvscVersionRecord { Source = source.Description };
        string workDirectory = Path.Combine(options.Value.DownloadRoot, jobId);
        var progress = new InlineProgress(report.Status);

        foreach (HvscPackage package in (basePackage is null ? [] : new[] { basePackage }).Concat(updates))
        {
            LocalPackage local = await source.FetchAsync(package, workDirectory, progress, cancellationToken);
            report.Log(local.Sha256 is null ? $"Reading {local.Path}" : $"{package.Name}: {local.Bytes} bytes, sha256 {local.Sha256}");
            int files = await AddEntriesAsync(tree, local, stored, planId, package.Kind == HvscPackageKind.Base, freshInstall: installed is null, report, cancellationToken);
            var record = new PackageRecord(package.Name, package.Version, local.Sha256, now);
            if (package.Kind == HvscPackageKind.Base)
            {
                report.Log($"{package.Name}: release {package.Version}, {files} files");
                target = target with { Version = package.Version, BaseVersion = package.Version, Base = record, Updates = [] };
            }
            else
            {
                await ApplyUpdateAsync(tree, package, target.Version, report, cancellationToken);
                target = target with { Version = package.Version, Updates = [.. target.Updates, record] };
            }
        }

        FetchPlan plan = await DiffAsync(tree, stored, planId, jobId, target with
        {
            InstalledAt = now,
            CheckedAt = now,
            Source = source.Description,
            EmptyDirectories = tree.EmptyDirectories(),
            SidCount = tree.Files.Count(f => HvscPath.IsSidFile(f.Path)),
        }, cancellationToken);
        if (plan.Puts.Count == 0 && plan.Deletes.Count == 0 && installed is not null && installed.Version == plan.Target.Version)
        {
            report.Log($"The collection already equals {source.Description} (release {installed.Version})");
            return null;
        }

        report.Log(plan.Summary);
        logger.FetchPlanned(planId, plan.Summary);
        return plan;
    }

    private static (HvscPackage? Base, IReadOnlyList<HvscPackage> Updates) Choose(IReadOnlyList<HvscPackage> offered, HvscVersionRecord? installed, bool force, IHvscSource source)
    {
        HvscPackage? newestBase = offered.Where(p => p.Kind == HvscPackageKind.Base).MaxBy(p => p.Version);
        HvscPackage? basePackage = null;
        int from;
        // A local tree is compared file by file, so it is always planned: a second run finds nothing to change.
        if (installed is null || force || newestBase is { IsDirectory: true })
        {
            basePackage = newestBase;
            if (basePackage is null)
            {
                if (installed is null)
                {
                    throw new FetchException($"nothing is installed and {source.Description} offers no base release (HVSC_NN-all-of-them.7z)");
                }

                from = installed.Version;
            }
            else
            {
                from = basePackage.Version;
            }
        }
        else
        {
            from = installed.Version;
        }

        var updates = offered.Where(p => p.Kind == HvscPackageKind.Update && p.Version > from).OrderBy(p => p.Version).ToList();
        int expected = from + 1;
        foreach (HvscPackage update in updates)
        {
            // A local update folder applies to whatever is installed; numbered archives must follow on.
            if (update.Version != expected && !(update.IsDirectory && updates.Count == 1))
            {
                throw new FetchException($"{source.Description} lacks HVSC_Update_{expected}; cannot go from release {from} to {update.Version}");
            }

            expected = update.Version + 1;
        }

        return (basePackage, updates);
    }

    /// <summary>
    /// Adds a package's files to the tree: unchanged files of a base are taken as stored; the rest are staged,
    /// so applying reads them from staging. On a fresh install (nothing installed) a file with no stored
    /// counterpart is written to the collection at once instead: staging it would only copy it twice, and a
    /// crash before the version record is written leaves files the next plan finds stored and keeps.
    /// </summary>
    private async Task<int> AddEntriesAsync(CollectionTree tree, LocalPackage local, Dictionary<string, CollectionFile> stored, string planId, bool isBase,
        bool freshInstall, FetchReporter report, CancellationToken cancellationToken)
    {
        int files = 0;
        var staging = new List<Task>();
        var written = new System.Collections.Concurrent.ConcurrentBag<CollectionFile>();
        var catalogued = new System.Collections.Concurrent.ConcurrentBag<CatalogEntry>();
        using var gate = new SemaphoreSlim(UploadConcurrency);
        await foreach (PackageEntry entry in PackageReader.ReadAsync(local, options.Value.MaxEntryBytes, cancellationToken))
        {
            if (entry.Bytes is null)
            {
                lock (tree)
                {
                    tree.CreateDirectoryPath(entry.Path);
                }

                continue;
            }

            files++;
            if (files % 500 == 0)
            {
                report.Status($"Reading {local.Package.Name}: {files} files");
            }

            byte[] bytes = entry.Bytes;
            string md5 = Convert.ToHexStringLower(MD5.HashData(bytes));
            if (isBase && stored.TryGetValue(entry.Path, out CollectionFile? existing) && existing.Md5 == md5)
            {
                lock (tree)
                {
                    tree.PutFile(entry.Path, new StoredContent(entry.Path, md5, bytes.Length));
                }

                continue;
            }

            await gate.WaitAsync(cancellationToken);
            string path = entry.Path;
            bool direct = isBase && freshInstall && !stored.ContainsKey(path);
            staging.Add(Task.Run(async () =>
            {
                try
                {
                    FileContent content = direct
                        ? await WriteDirectAsync(path, bytes, md5, cancellationToken)
                        : await state.StageAsync(planId, bytes, cancellationToken);
                    lock (tree)
                    {
                        tree.PutFile(path, content);
                    }

                    if (direct)
                    {
                        written.Add(new CollectionFile(path, bytes.Length, md5, null));
                        if (HvscPath.IsSidFile(path))
                        {
                            catalogued.Add(CatalogEntryOf(path, bytes));
                        }
                    }
                }
                finally
                {
                    gate.Release();
                }
            }, cancellationToken));
        }

        await Task.WhenAll(staging);
        // Written at once: from here on they are stored files, as a later plan would find them.
        foreach (CollectionFile file in written)
        {
            stored[file.Path] = file;
        }

        if (!written.IsEmpty)
        {
            report.Log($"{local.Package.Name}: {written.Count} files written to the collection as they were read (a fresh install stages nothing)");
        }

        if (!catalogued.IsEmpty)
        {
            // Their rows now, from the bytes at hand, so cataloguing after the fan-in need not read them back.
            HvscDocuments documents = await HvscDocuments.LoadAsync(collection, cancellationToken);
            await catalog.UpsertAsync(catalogued.Select(e => e.WithDocuments(documents.SongLengths, documents.Stil)).ToArray(), cancellationToken);
        }

        return files;
    }

    private static CatalogEntry CatalogEntryOf(string path, byte[] bytes) =>
        SidFile.TryParse(bytes, out SidFile? sid, out SidFormatException? error)
            ? CatalogEntry.FromSid(path, sid!, SongLengthDatabase.Empty, StilDatabase.Empty)
            : CatalogEntry.FromInvalid(path, bytes, error!);

    private async Task<FileContent> WriteDirectAsync(string path, byte[] bytes, string md5, CancellationToken cancellationToken)
    {
        await collection.WriteAsync(path, bytes, cancellationToken);
        return new StoredContent(path, md5, bytes.Length);
    }

    private async Task ApplyUpdateAsync(CollectionTree tree, HvscPackage package, int installedVersion, FetchReporter report, CancellationToken cancellationToken)
    {
        (string Path, FileContent Content) scriptFile = tree.Files.FirstOrDefault(f =>
            f.Path.StartsWith("update/", StringComparison.OrdinalIgnoreCase) && f.Path.Count(c => c == '/') == 1 &&
            f.Path.EndsWith(".hvs", StringComparison.OrdinalIgnoreCase) && HvscPath.FileName(f.Path).StartsWith("Update", StringComparison.OrdinalIgnoreCase));
        if (scriptFile.Path is null)
        {
            throw new FetchException($"{package.Name} holds no update/UpdateNN.hvs script");
        }

        byte[] bytes = await ReadAsync(scriptFile.Content, cancellationToken);
        UpdateScript script;
        try
        {
            script = UpdateScript.Parse(bytes, HvscPath.FileName(scriptFile.Path));
        }
        catch (UpdateScriptException ex)
        {
            throw new FetchException($"{package.Name}: {ex.Message}", ex);
        }

        if (script.PreviousVersion is int previous && installedVersion != 0 && previous != installedVersion)
        {
            throw new FetchException($"{package.Name} updates release {previous}, but release {installedVersion} is installed");
        }

        report.Status($"Applying {script.Name} ({script.Commands.Count} commands)");
        var applier = new UpdateApplier(tree, ReadAsync);
        await applier.ApplyAsync(script, scriptFile.Path, cancellationToken);
        foreach (string warning in applier.Warnings)
        {
            report.Warn($"{script.Name}: {warning}");
        }

        if (applier.Errors.Count > 0)
        {
            throw new FetchException($"{script.Name} did not apply cleanly ({applier.Errors.Count} errors; nothing was written): " +
                                     string.Join("; ", applier.Errors.Take(10)));
        }

        IReadOnlyList<string> leftovers = tree.RemoveTree("update");
        if (leftovers.Count > 0)
        {
            report.Log($"{script.Name}: left in update/ and not part of the collection: {string.Join(", ", leftovers.Take(10))}");
        }

        report.Log($"{script.Name} applied: {script.Commands.Count} commands");
    }

    private async Task<FetchPlan> DiffAsync(CollectionTree tree, Dictionary<string, CollectionFile> stored, string planId, string jobId, HvscVersionRecord target, CancellationToken cancellationToken)
    {
        var puts = new List<PlannedPut>();
        var finalPaths = new HashSet<string>(StringComparer.Ordinal);
        foreach ((string path, FileContent content) in tree.Files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            if (!HvscPath.TryNormalize(path, out string normalized, out string? reason) || normalized != path)
            {
                throw new FetchException($"'{path}' is not a collection path ({reason ?? "not in normal form"})");
            }

            finalPaths.Add(path);
            if (content is StoredContent s && s.Path == path && stored.ContainsKey(path))
            {
                continue;
            }

            // Every new file is read from the staging area, never from the live collection, so puts and deletes may run in any order.
            StagedContent staged = content switch
            {
                StagedContent st => st,
                _ => await state.StageAsync(planId, await ReadAsync(content, cancellationToken), cancellationToken),
            };
            puts.Add(new PlannedPut(path, staged.Blob, staged.Md5, staged.Size));
        }

        string[] deletes = stored.Keys.Where(p => !finalPaths.Contains(p)).Order(StringComparer.Ordinal).ToArray();
        return new FetchPlan
        {
            PlanId = planId,
            JobId = jobId,
            CreatedAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
            Target = target,
            Puts = puts,
            Deletes = deletes,
            Summary = $"Release {target.Version}: {puts.Count} files to write, {deletes.Length} to remove, {finalPaths.Count} in the collection afterwards",
        };
    }

    private async Task<byte[]> ReadAsync(FileContent content, CancellationToken cancellationToken) => content switch
    {
        InlineContent i => i.Bytes,
        StagedContent s => await state.ReadStagedAsync(s.Blob, cancellationToken),
        StoredContent s => await collection.ReadAsync(s.Path, cancellationToken) ?? throw new FetchException($"{s.Path} vanished from the collection while planning"),
        _ => throw new InvalidOperationException(content.GetType().Name),
    };

    private sealed class InlineProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
