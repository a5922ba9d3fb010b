using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SidFlow.Core.Hvsc;
using SidFlow.Emulation.Sid;

namespace SidFlow.Core.Catalog;

/// <summary>One row of the catalog: a SID file of the collection with its header, song lengths and STIL data.</summary>
public sealed record CatalogEntry
{
    public required string Path { get; init; }
    public required string Md5 { get; init; }
    public required long Size { get; init; }

    /// <summary>Why the file could not be parsed; the header fields are then empty.</summary>
    public string? Error { get; init; }
    public string? ErrorKind { get; init; }

    public string? Format { get; init; }
    public int Version { get; init; }
    public int DataOffset { get; init; }
    public int HeaderLoadAddress { get; init; }
    public int LoadAddress { get; init; }
    public int InitAddress { get; init; }
    public int PlayAddress { get; init; }
    public int Songs { get; init; }
    public int StartSong { get; init; }
    public long Speed { get; init; }
    public string? Name { get; init; }
    public string? Author { get; init; }
    public string? Released { get; init; }
    public int Flags { get; init; }
    public bool MusPlayer { get; init; }
    public bool PsidSpecific { get; init; }
    public string? Clock { get; init; }
    public string? SidModel1 { get; init; }
    public string? SidModel2 { get; init; }
    public string? SidModel3 { get; init; }
    public int SecondSidAddress { get; init; }
    public int ThirdSidAddress { get; init; }
    public int SidChipCount { get; init; }
    public int RelocStartPage { get; init; }
    public int RelocPages { get; init; }

    /// <summary>Per-subtune lengths in milliseconds from Songlengths.md5, empty when the database has none.</summary>
    public IReadOnlyList<int> SongLengthsMs { get; init; } = [];

    public string? StilTitle { get; init; }
    public string? StilArtist { get; init; }

    /// <summary>Per-subtune STIL titles ("#n: title"), for multi-song files.</summary>
    public IReadOnlyDictionary<int, string> StilSubtuneTitles { get; init; } = new Dictionary<int, string>();

    public bool IsValid => Error is null;

    public TimeSpan? SongLength(int subtune) =>
        subtune >= 1 && subtune <= SongLengthsMs.Count ? TimeSpan.FromMilliseconds(SongLengthsMs[subtune - 1]) : null;

    /// <summary>A digest of everything but the fingerprint itself, so an import can skip rows that did not change.</summary>
    public string ComputeFingerprint()
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(this with { });
        return Convert.ToHexStringLower(SHA256.HashData(json))[..32];
    }

    public static CatalogEntry FromSid(string path, SidFile sid, SongLengthDatabase songLengths, StilDatabase stil) => new CatalogEntry
    {
        Path = path,
        Md5 = sid.Md5,
        Size = sid.FileLength,
        Format = sid.Format == SidFormat.Psid ? "PSID" : "RSID",
        Version = sid.Version,
        DataOffset = sid.DataOffset,
        HeaderLoadAddress = sid.HeaderLoadAddress,
        LoadAddress = sid.LoadAddress,
        InitAddress = sid.InitAddress,
        PlayAddress = sid.PlayAddress,
        Songs = sid.Songs,
        StartSong = sid.StartSong,
        Speed = sid.Speed,
        Name = sid.Name,
        Author = sid.Author,
        Released = sid.Released,
        Flags = sid.Flags,
        MusPlayer = sid.MusPlayer,
        PsidSpecific = sid.PsidSpecific,
        Clock = sid.Clock.ToString(),
        SidModel1 = sid.SidModel1.ToString(),
        SidModel2 = sid.SidModel2.ToString(),
        SidModel3 = sid.SidModel3.ToString(),
        SecondSidAddress = sid.SecondSidAddress,
        ThirdSidAddress = sid.ThirdSidAddress,
        SidChipCount = sid.SidChipCount,
        RelocStartPage = sid.RelocStartPage,
        RelocPages = sid.RelocPages,
    }.WithDocuments(songLengths, stil);

    /// <summary>The row with its song lengths (by MD5) and STIL data (by path) taken from the given documents.</summary>
    public CatalogEntry WithDocuments(SongLengthDatabase songLengths, StilDatabase stil)
    {
        if (!IsValid)
        {
            return this;
        }

        StilEntry? stilEntry = stil.Find(Path);
        var subtuneTitles = new Dictionary<int, string>();
        if (stilEntry is not null)
        {
            foreach (int subtune in stilEntry.Subtunes)
            {
                string? title = stilEntry.ForSubtune(subtune).Select(b => b.Title ?? b.Name).FirstOrDefault(t => t is not null);
                if (title is not null)
                {
                    subtuneTitles[subtune] = Truncate(title, 200);
                }
            }
        }

        return this with
        {
            SongLengthsMs = songLengths.Find(Md5)?.Select(l => (int)l.TotalMilliseconds).ToArray() ?? [],
            StilTitle = stilEntry?.TitleFor(0) is { } t ? Truncate(t, 500) : null,
            StilArtist = stilEntry?.ArtistFor(0) is { } a ? Truncate(a, 500) : null,
            StilSubtuneTitles = subtuneTitles,
        };
    }

    public static CatalogEntry FromInvalid(string path, ReadOnlySpan<byte> bytes, SidFormatException error) => new()
    {
        Path = path,
        Md5 = Convert.ToHexStringLower(MD5.HashData(bytes)),
        Size = bytes.Length,
        Error = error.Message,
        ErrorKind = error.Error.ToString(),
    };

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
