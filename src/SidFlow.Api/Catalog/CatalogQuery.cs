using SidFlow.Core.Catalog;

namespace SidFlow.Api.Catalog;

/// <summary>A listener's search words: a row matches when each word is in its path, title, composer, release or STIL text.</summary>
public sealed class CatalogQuery
{
    private readonly string[] _words;

    private CatalogQuery(string[] words) => _words = words;

    public static CatalogQuery Parse(string? text) =>
        new((text ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public bool Matches(CatalogEntry entry) => _words.All(word =>
        Contains(entry.Path, word) || Contains(entry.Name, word) || Contains(entry.Author, word) || Contains(entry.Released, word)
        || Contains(entry.StilTitle, word) || Contains(entry.StilArtist, word) || entry.StilSubtuneTitles.Values.Any(t => Contains(t, word)));

    private static bool Contains(string? text, string word) => text is not null && text.Contains(word, StringComparison.OrdinalIgnoreCase);
}
