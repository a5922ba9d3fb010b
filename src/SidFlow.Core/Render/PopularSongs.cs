using SidFlow.Core.Catalog;
using SidFlow.Core.Feedback;

namespace SidFlow.Core.Render;

/// <summary>
/// The songs listeners play and like most, for the cache warm-up: each play, completed play or replay counts 1,
/// a like 2, a dislike -2. Songs nobody has scored follow in catalog order (each file's start song), so a
/// warm-up before any feedback renders the first N songs of the catalog.
/// </summary>
public sealed class PopularSongs(IFeedbackStore feedback)
{
    public async Task<IReadOnlyList<string>> TopAsync(IAsyncEnumerable<CatalogEntry> candidates, int count, CancellationToken cancellationToken)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        await foreach (FeedbackEvent e in feedback.ReadAsync(null, cancellationToken))
        {
            double weight = e.Action switch
            {
                FeedbackAction.Play or FeedbackAction.PlayComplete or FeedbackAction.Replay => 1,
                FeedbackAction.Like => 2,
                FeedbackAction.Dislike => -2,
                _ => 0,
            };
            scores[e.SongKey] = scores.GetValueOrDefault(e.SongKey) + weight;
        }

        var inCatalog = new List<CatalogEntry>();
        await foreach (CatalogEntry entry in candidates.WithCancellation(cancellationToken))
        {
            inCatalog.Add(entry);
        }

        var files = inCatalog.ToDictionary(e => e.Path, StringComparer.Ordinal);
        List<string> ranked = scores
            .Where(s => s.Value > 0 && SongKey.Parse(s.Key) is var (path, subtune) && files.TryGetValue(path, out CatalogEntry? file) && subtune <= Math.Max(1, file.Songs))
            .OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => s.Key).Take(count).ToList();
        var chosen = new HashSet<string>(ranked, StringComparer.Ordinal);
        foreach (CatalogEntry entry in inCatalog)
        {
            if (ranked.Count >= count)
            {
                break;
            }

            string key = SongKey.Format(entry.Path, Math.Max(1, entry.StartSong));
            if (chosen.Add(key))
            {
                ranked.Add(key);
            }
        }

        return ranked;
    }
}
