using System.Text.Json;
using Azure.Data.Tables;
using SidFlow.Core.Catalog;
using SidFlow.Core.Hvsc;

namespace SidFlow.Storage;

/// <summary>Maps a <see cref="CatalogEntry"/> to a row of the <c>catalog</c> table and back.</summary>
internal static class CatalogEntity
{
    /// <summary>Rows of one collection folder pair ("MUSICIANS/H") share a partition, so an import writes them in batches.</summary>
    public static (string PartitionKey, string RowKey) KeysOf(string path)
    {
        string[] parts = path.Split('/');
        int split = Math.Min(2, parts.Length - 1);
        string partition = split == 0 ? "~" : string.Join('/', parts[..split]);
        string row = string.Join('/', parts[split..]);
        return (TableKey.Encode(partition), TableKey.Encode(row));
    }

    public static string PathOf(TableEntity entity) => entity.GetString("path");

    public static TableEntity ToEntity(CatalogEntry e)
    {
        (string pk, string rk) = KeysOf(e.Path);
        return new TableEntity(pk, rk)
        {
            ["path"] = e.Path,
            ["md5"] = e.Md5,
            ["size"] = e.Size,
            ["error"] = e.Error,
            ["errorKind"] = e.ErrorKind,
            ["format"] = e.Format,
            ["version"] = e.Version,
            ["dataOffset"] = e.DataOffset,
            ["headerLoadAddress"] = e.HeaderLoadAddress,
            ["loadAddress"] = e.LoadAddress,
            ["initAddress"] = e.InitAddress,
            ["playAddress"] = e.PlayAddress,
            ["songs"] = e.Songs,
            ["startSong"] = e.StartSong,
            ["speed"] = e.Speed,
            ["name"] = e.Name,
            ["author"] = e.Author,
            ["released"] = e.Released,
            ["flags"] = e.Flags,
            ["musPlayer"] = e.MusPlayer,
            ["psidSpecific"] = e.PsidSpecific,
            ["clock"] = e.Clock,
            ["sidModel1"] = e.SidModel1,
            ["sidModel2"] = e.SidModel2,
            ["sidModel3"] = e.SidModel3,
            ["secondSidAddress"] = e.SecondSidAddress,
            ["thirdSidAddress"] = e.ThirdSidAddress,
            ["sidChipCount"] = e.SidChipCount,
            ["relocStartPage"] = e.RelocStartPage,
            ["relocPages"] = e.RelocPages,
            ["songLengths"] = string.Join(' ', e.SongLengthsMs.Select(ms => SongLength.Format(TimeSpan.FromMilliseconds(ms)))),
            ["stilTitle"] = e.StilTitle,
            ["stilArtist"] = e.StilArtist,
            ["stilSubtuneTitles"] = e.StilSubtuneTitles.Count == 0 ? null : JsonSerializer.Serialize(e.StilSubtuneTitles),
            ["fingerprint"] = e.ComputeFingerprint(),
        };
    }

    public static CatalogEntry FromEntity(TableEntity t)
    {
        string lengths = t.GetString("songLengths") ?? string.Empty;
        string? stilTitles = t.GetString("stilSubtuneTitles");
        return new CatalogEntry
        {
            Path = t.GetString("path"),
            Md5 = t.GetString("md5"),
            Size = t.GetInt64("size") ?? 0,
            Error = t.GetString("error"),
            ErrorKind = t.GetString("errorKind"),
            Format = t.GetString("format"),
            Version = t.GetInt32("version") ?? 0,
            DataOffset = t.GetInt32("dataOffset") ?? 0,
            HeaderLoadAddress = t.GetInt32("headerLoadAddress") ?? 0,
            LoadAddress = t.GetInt32("loadAddress") ?? 0,
            InitAddress = t.GetInt32("initAddress") ?? 0,
            PlayAddress = t.GetInt32("playAddress") ?? 0,
            Songs = t.GetInt32("songs") ?? 0,
            StartSong = t.GetInt32("startSong") ?? 0,
            Speed = t.GetInt64("speed") ?? 0,
            Name = t.GetString("name"),
            Author = t.GetString("author"),
            Released = t.GetString("released"),
            Flags = t.GetInt32("flags") ?? 0,
            MusPlayer = t.GetBoolean("musPlayer") ?? false,
            PsidSpecific = t.GetBoolean("psidSpecific") ?? false,
            Clock = t.GetString("clock"),
            SidModel1 = t.GetString("sidModel1"),
            SidModel2 = t.GetString("sidModel2"),
            SidModel3 = t.GetString("sidModel3"),
            SecondSidAddress = t.GetInt32("secondSidAddress") ?? 0,
            ThirdSidAddress = t.GetInt32("thirdSidAddress") ?? 0,
            SidChipCount = t.GetInt32("sidChipCount") ?? 0,
            RelocStartPage = t.GetInt32("relocStartPage") ?? 0,
            RelocPages = t.GetInt32("relocPages") ?? 0,
            SongLengthsMs = lengths.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(s => SongLength.TryParse(s, out TimeSpan l) ? (int)l.TotalMilliseconds : 0).ToArray(),
            StilTitle = t.GetString("stilTitle"),
            StilArtist = t.GetString("stilArtist"),
            StilSubtuneTitles = stilTitles is null ? new Dictionary<int, string>() : JsonSerializer.Deserialize<Dictionary<int, string>>(stilTitles)!,
        };
    }
}
