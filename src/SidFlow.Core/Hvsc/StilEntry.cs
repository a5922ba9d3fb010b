namespace SidFlow.Core.Hvsc;

/// <summary>The STIL information for one file (or directory, when the path ends in '/').</summary>
public sealed class StilEntry(string path, IReadOnlyDictionary<int, IReadOnlyList<StilTuneInfo>> sections)
{
    /// <summary>The HVSC path, normalized (no leading slash).</summary>
    public string Path { get; } = path;

    /// <summary>Blocks per subtune; key 0 holds what applies to the whole file.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<StilTuneInfo>> Sections { get; } = sections;

    public IReadOnlyList<StilTuneInfo> FileBlocks => Sections.TryGetValue(0, out var blocks) ? blocks : [];

    /// <summary>Blocks for a 1-based subtune, falling back to the whole-file blocks.</summary>
    public IReadOnlyList<StilTuneInfo> ForSubtune(int subtune) =>
        Sections.TryGetValue(subtune, out var blocks) ? blocks : FileBlocks;

    public string? TitleFor(int subtune) => ForSubtune(subtune).Select(b => b.Title).FirstOrDefault(t => t is not null);

    public string? ArtistFor(int subtune) => ForSubtune(subtune).Select(b => b.Artist).FirstOrDefault(a => a is not null);

    public IEnumerable<int> Subtunes => Sections.Keys.Where(k => k > 0).Order();
}
