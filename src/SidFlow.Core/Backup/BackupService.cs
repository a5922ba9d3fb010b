using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace SidFlow.Core.Backup;

/// <summary>
/// The guide's backup of critical data (feedback, models and their archive, the audit trail, configuration, the
/// jobs history, the listener salt when encrypted) into one ZIP with a manifest of sha256 per entry, sealed with
/// <see cref="BackupCipher"/>; derived data (renders, classifications, the collection) is listed, not copied.
/// A restore decrypts and checks every entry before it writes anything.
/// </summary>
public sealed class BackupService(IBackupStorage storage, IBackupArchiveStore archives, IOptions<BackupOptions> options, TimeProvider time)
{
    public const string FileExtension = ".sfbk";
    public const string FilePrefix = "sidflow-backup-";
    public const string ConfigEntry = "config/.sidflow.json";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>A file name for a backup made now, sortable by time.</summary>
    public string NewFileName() => FilePrefix + time.GetUtcNow().ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture) + FileExtension;

    /// <summary>Writes the backup to <paramref name="output"/>; without a key only when the caller asked for an unencrypted one.</summary>
    public async Task<BackupManifest> CreateAsync(Stream output, byte[]? key, string? configFile, CancellationToken cancellationToken)
    {
        string zipPath = Path.Combine(Path.GetTempPath(), "sidflow-backup-" + Guid.NewGuid().ToString("N") + ".zip");
        try
        {
            BackupManifest manifest;
            await using (FileStream zipFile = File.Create(zipPath))
            {
                manifest = await WriteZipAsync(zipFile, key is not null, configFile, cancellationToken);
            }

            await using FileStream sealedInput = File.OpenRead(zipPath);
            if (key is null)
            {
                await sealedInput.CopyToAsync(output, cancellationToken);
            }
            else
            {
                await BackupCipher.EncryptAsync(sealedInput, output, key, cancellationToken);
            }

            return manifest;
        }
        finally
        {
            File.Delete(zipPath);
        }
    }

    /// <summary>Makes a backup into the <c>backups</c> container, then deletes the ones past retention there.</summary>
    public async Task<StoredBackup> CreateStoredAsync(byte[]? key, CancellationToken cancellationToken)
    {
        string name = NewFileName();
        string path = Path.Combine(Path.GetTempPath(), name + "." + Guid.NewGuid().ToString("N"));
        try
        {
            BackupManifest manifest;
            await using (FileStream file = File.Create(path))
            {
                manifest = await CreateAsync(file, key, null, cancellationToken);
            }

            long size = new FileInfo(path).Length;
            await using (FileStream file = File.OpenRead(path))
            {
                await archives.SaveAsync(name, file, cancellationToken);
            }

            DateTimeOffset now = time.GetUtcNow();
            int pruned = 0;
            foreach (string old in await archives.ListAsync(cancellationToken))
            {
                if (BackupRetention.IsExpired(old, now, options.Value.RetentionDays))
                {
                    await archives.DeleteAsync(old, cancellationToken);
                    pruned++;
                }
            }

            return new StoredBackup(name, size, pruned, manifest);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// Verifies the archive completely (key, every chunk, every entry's checksum, no entry unaccounted for), then
    /// writes it back. Nothing is written unless all of it verifies.
    /// </summary>
    public async Task<BackupManifest> RestoreAsync(Stream archive, byte[]? key, bool allowUnencrypted, string? configFile, CancellationToken cancellationToken)
    {
        string zipPath = Path.Combine(Path.GetTempPath(), "sidflow-restore-" + Guid.NewGuid().ToString("N") + ".zip");
        try
        {
            await using (FileStream plain = File.Create(zipPath))
            {
                if (BackupCipher.IsEncrypted(archive))
                {
                    await BackupCipher.DecryptAsync(archive, plain, key ?? throw new BackupRefusedException($"the backup is encrypted: set {BackupKey.Variable} to its key"), cancellationToken);
                }
                else if (allowUnencrypted)
                {
                    await archive.CopyToAsync(plain, cancellationToken);
                }
                else
                {
                    throw new BackupRefusedException("the backup is not encrypted: restore it only with --unencrypted");
                }
            }

            await using FileStream zipFile = File.OpenRead(zipPath);
            using var zip = new ZipArchive(zipFile, ZipArchiveMode.Read);
            BackupManifest manifest = await VerifyAsync(zip, cancellationToken);
            foreach (BackupEntry entry in manifest.Entries)
            {
                await using Stream content = await zip.GetEntry(entry.Name)!.OpenAsync(cancellationToken);
                if (entry.Kind == "config")
                {
                    await RestoreConfigAsync(content, configFile, cancellationToken);
                }
                else
                {
                    await storage.RestoreAsync(entry, content, cancellationToken);
                }
            }

            return manifest;
        }
        catch (InvalidDataException ex)
        {
            throw new BackupRefusedException($"the archive is damaged: {ex.Message}");
        }
        finally
        {
            File.Delete(zipPath);
        }
    }

    private async Task<BackupManifest> WriteZipAsync(Stream zipFile, bool includeSecrets, string? configFile, CancellationToken cancellationToken)
    {
        var entries = new List<BackupEntry>();
        await using var zip = new ZipArchive(zipFile, ZipArchiveMode.Create, leaveOpen: true);
        await foreach (BackupItem item in storage.ListCriticalAsync(includeSecrets, cancellationToken))
        {
            using var content = new MemoryStream();
            await storage.CopyToAsync(item, content, cancellationToken);
            entries.Add(await AddAsync(zip, item.Name, item.Kind, content.ToArray(), cancellationToken));
        }

        if (configFile is not null && File.Exists(configFile))
        {
            entries.Add(await AddAsync(zip, ConfigEntry, "config", await File.ReadAllBytesAsync(configFile, cancellationToken), cancellationToken));
        }

        var manifest = new BackupManifest(BackupManifest.CurrentFormat, time.GetUtcNow(), includeSecrets, entries, await storage.DescribeDerivedAsync(cancellationToken));
        await AddAsync(zip, BackupManifest.EntryName, "manifest", JsonSerializer.SerializeToUtf8Bytes(manifest, Json), cancellationToken);
        return manifest;
    }

    private static async Task<BackupEntry> AddAsync(ZipArchive zip, string name, string kind, byte[] content, CancellationToken cancellationToken)
    {
        await using (Stream stream = await zip.CreateEntry(name, CompressionLevel.Fastest).OpenAsync(cancellationToken))
        {
            await stream.WriteAsync(content, cancellationToken);
        }

        return new BackupEntry(name, kind, content.LongLength, Convert.ToHexStringLower(SHA256.HashData(content)));
    }

    private static async Task<BackupManifest> VerifyAsync(ZipArchive zip, CancellationToken cancellationToken)
    {
        ZipArchiveEntry manifestEntry = zip.GetEntry(BackupManifest.EntryName) ?? throw new BackupRefusedException("the archive has no manifest.json");
        BackupManifest manifest;
        await using (Stream stream = await manifestEntry.OpenAsync(cancellationToken))
        {
            manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(stream, Json, cancellationToken) ?? throw new BackupRefusedException("manifest.json is empty");
        }

        if (manifest.FormatVersion != BackupManifest.CurrentFormat)
        {
            throw new BackupRefusedException($"backup format {manifest.FormatVersion} is not one this version reads ({BackupManifest.CurrentFormat})");
        }

        var listed = new HashSet<string>(StringComparer.Ordinal) { BackupManifest.EntryName };
        foreach (BackupEntry entry in manifest.Entries)
        {
            if (!listed.Add(entry.Name) || !IsRestorable(entry))
            {
                throw new BackupRefusedException($"manifest entry '{entry.Name}' ({entry.Kind}) is not one SidFlow restores");
            }

            ZipArchiveEntry zipped = zip.GetEntry(entry.Name) ?? throw new BackupRefusedException($"{entry.Name} is in the manifest but not in the archive");
            await using Stream stream = await zipped.OpenAsync(cancellationToken);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            long size = 0;
            for (int read; (read = await stream.ReadAsync(buffer, cancellationToken)) > 0;)
            {
                hash.AppendData(buffer, 0, read);
                size += read;
            }

            if (size != entry.Size || Convert.ToHexStringLower(hash.GetHashAndReset()) != entry.Sha256)
            {
                throw new BackupRefusedException($"{entry.Name} does not match its checksum in the manifest");
            }
        }

        if (zip.Entries.FirstOrDefault(e => !listed.Contains(e.FullName)) is { } extra)
        {
            throw new BackupRefusedException($"{extra.FullName} is in the archive but not in the manifest");
        }

        return manifest;
    }

    /// <summary>Names SidFlow writes: its own prefixes, no parent or absolute parts.</summary>
    private static bool IsRestorable(BackupEntry entry)
    {
        string[] parts = entry.Name.Split('/');
        bool safe = parts.Length >= 2 && parts.All(p => p.Length > 0 && p != "." && p != "..") && !entry.Name.Contains('\\', StringComparison.Ordinal);
        return safe && (entry.Kind, parts[0]) switch
        {
            ("block" or "append", "blob") => parts.Length >= 3,
            ("table", "table") => parts.Length == 2,
            ("config", "config") => entry.Name == ConfigEntry,
            _ => false,
        };
    }

    /// <summary>The configuration goes back where it was when nothing is there; an existing file is never overwritten.</summary>
    private static async Task RestoreConfigAsync(Stream content, string? configFile, CancellationToken cancellationToken)
    {
        if (configFile is null)
        {
            return;
        }

        string target = File.Exists(configFile) ? configFile + ".restored" : configFile;
        await using FileStream file = File.Create(target);
        await content.CopyToAsync(file, cancellationToken);
    }
}

/// <param name="Pruned">Older backups deleted by retention.</param>
public sealed record StoredBackup(string Name, long Size, int Pruned, BackupManifest Manifest);
