using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using SharpCompress.Archives;
using SharpCompress.Common;
using SharpCompress.Readers;

namespace SidFlow.Core.Fetch;

/// <summary>
/// Reads the files of a package one at a time, streaming (7z and zip through SharpCompress, or a folder).
/// Paths are made collection-relative (a leading <c>C64Music/</c> is dropped) and checked: an entry that
/// would land outside the collection stops the read. CRCs are checked when the archive carries them.
/// </summary>
public static class PackageReader
{
    private const string RootFolder = "C64Music/";

    public static async IAsyncEnumerable<PackageEntry> ReadAsync(LocalPackage package, long maxEntryBytes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (package.Package.IsDirectory)
        {
            await foreach (PackageEntry entry in ReadDirectoryAsync(package, cancellationToken))
            {
                yield return entry;
            }

            yield break;
        }

        var channel = Channel.CreateBounded<PackageEntry>(new BoundedChannelOptions(64) { SingleReader = true, SingleWriter = true });
        Task producer = Task.Run(() =>
        {
            try
            {
                ReadArchive(package.Path, maxEntryBytes, channel.Writer, cancellationToken);
                channel.Writer.Complete();
            }
            catch (Exception ex)
            {
                channel.Writer.Complete(ex is UnsafeArchiveEntryException or FetchException or OperationCanceledException
                    ? ex
                    : new FetchException($"{Path.GetFileName(package.Path)} cannot be read (corrupt or not an archive): {ex.Message}", ex));
            }
        }, cancellationToken);

        await foreach (PackageEntry entry in channel.Reader.ReadAllAsync(cancellationToken))
        {
            yield return entry;
        }

        await producer;
    }

    /// <summary>Normalizes an archive entry name to a collection path, refusing any that escapes.</summary>
    public static string SafePath(string entryName)
    {
        string p = entryName.Replace('\\', '/');
        if (p.StartsWith('/') || (p.Length >= 2 && p[1] == ':') || p.StartsWith("//", StringComparison.Ordinal))
        {
            throw new UnsafeArchiveEntryException(entryName, "it is an absolute path");
        }

        string[] parts = p.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Any(part => part == ".."))
        {
            throw new UnsafeArchiveEntryException(entryName, "it climbs out of the collection with '..'");
        }

        if (parts.Any(part => part.Any(char.IsControl)))
        {
            throw new UnsafeArchiveEntryException(entryName, "it contains control characters");
        }

        string joined = string.Join('/', parts.Where(part => part != "."));
        return joined.StartsWith(RootFolder, StringComparison.OrdinalIgnoreCase) ? joined[RootFolder.Length..] : joined;
    }

    private static void ReadArchive(string path, long maxEntryBytes, ChannelWriter<PackageEntry> writer, CancellationToken cancellationToken)
    {
        using IArchive archive = ArchiveFactory.OpenArchive(new FileInfo(path), new ReaderOptions());
        if (archive.IsSolid || archive.Type == ArchiveType.SevenZip)
        {
            // Solid archives decompress front to back: one pass through a reader.
            using IReader reader = archive.ExtractAllEntries();
            while (reader.MoveToNextEntry())
            {
                ReadEntry(reader.Entry, reader.OpenEntryStream, maxEntryBytes, writer, cancellationToken);
            }

            return;
        }

        foreach (IArchiveEntry entry in archive.Entries)
        {
            ReadEntry(entry, entry.OpenEntryStream, maxEntryBytes, writer, cancellationToken);
        }
    }

    private static void ReadEntry(IEntry entry, Func<Stream> open, long maxEntryBytes, ChannelWriter<PackageEntry> writer, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        string name = SafePath(entry.Key ?? throw new FetchException("an archive entry has no name"));
        if (name.Length == 0 || name.Equals("C64Music", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (entry.IsDirectory)
        {
            Write(writer, new PackageEntry(name, null), cancellationToken);
            return;
        }

        if (entry.Size > maxEntryBytes)
        {
            throw new FetchException($"archive entry '{entry.Key}' is {entry.Size} bytes, more than the {maxEntryBytes} accepted");
        }

        using var buffer = new MemoryStream((int)Math.Max(0, Math.Min(entry.Size, maxEntryBytes)));
        using (Stream data = open())
        {
            data.CopyTo(buffer);
        }

        byte[] bytes = buffer.ToArray();
        if (entry.Crc != 0 && Crc32.HashToUInt32(bytes) != (uint)entry.Crc)
        {
            throw new FetchException($"archive entry '{entry.Key}' is corrupt (CRC mismatch)");
        }

        Write(writer, new PackageEntry(name, bytes), cancellationToken);
    }

    private static void Write(ChannelWriter<PackageEntry> writer, PackageEntry entry, CancellationToken cancellationToken)
    {
        while (!writer.TryWrite(entry))
        {
            writer.WaitToWriteAsync(cancellationToken).AsTask().GetAwaiter().GetResult();
        }
    }

    private static async IAsyncEnumerable<PackageEntry> ReadDirectoryAsync(LocalPackage package, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string root = package.Path;
        // An update folder is the archive's update/ folder: its files belong under update/.
        string prefix = package.Package.Kind == HvscPackageKind.Update && !Directory.Exists(Path.Combine(root, "update")) ? "update/" : string.Empty;
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System | FileAttributes.ReparsePoint };
        foreach (string dir in Directory.EnumerateDirectories(root, "*", options).Order(StringComparer.Ordinal))
        {
            yield return new PackageEntry(prefix + SafePath(Path.GetRelativePath(root, dir)), null);
        }

        foreach (string file in Directory.EnumerateFiles(root, "*", options).Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new PackageEntry(prefix + SafePath(Path.GetRelativePath(root, file)), await File.ReadAllBytesAsync(file, cancellationToken));
        }
    }
}
