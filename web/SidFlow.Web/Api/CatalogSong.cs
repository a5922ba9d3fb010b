namespace SidFlow.Web.Api;

/// <summary>The fields of a catalog row (GET /api/catalog, /api/catalog/search) the player shows.</summary>
public sealed record CatalogSong
{
    public string Path { get; init; } = string.Empty;
    public string? Name { get; init; }
    public string? Author { get; init; }
    public string? Released { get; init; }
    public int Songs { get; init; }
    public int StartSong { get; init; }
    public int SidChipCount { get; init; }
    public IReadOnlyList<int> SongLengthsMs { get; init; } = [];
    public string? StilTitle { get; init; }
    public string? StilArtist { get; init; }
    public IReadOnlyDictionary<int, string> StilSubtuneTitles { get; init; } = new Dictionary<int, string>();

    /// <summary>The song length database's length of a subtune, else the server's default render length.</summary>
    public TimeSpan Length(int subtune) =>
        subtune >= 1 && subtune <= SongLengthsMs.Count ? TimeSpan.FromMilliseconds(SongLengthsMs[subtune - 1]) : TimeSpan.FromMinutes(3);

    public string Title => string.IsNullOrWhiteSpace(Name) ? System.IO.Path.GetFileNameWithoutExtension(Path) : Name;
}
