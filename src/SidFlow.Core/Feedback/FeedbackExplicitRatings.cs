using SidFlow.Core.Classification;

namespace SidFlow.Core.Feedback;

/// <summary>Listeners' explicit ratings of songs from the feedback: per song, the mean of each dimension over its listeners' latest ratings.</summary>
public sealed class FeedbackExplicitRatings(IFeedbackStore feedback) : IExplicitRatingSource
{
    public async Task<IReadOnlyDictionary<string, Ratings>> GetAsync(IReadOnlyCollection<string> songKeys, CancellationToken cancellationToken)
    {
        var wanted = songKeys.ToHashSet(StringComparer.Ordinal);
        var latest = new Dictionary<(string Song, string Listener), (int? E, int? M, int? C)>();
        await foreach (FeedbackEvent e in feedback.ReadAsync(null, cancellationToken))
        {
            if (e.Action == FeedbackAction.Rate && e.Ratings is { } r && wanted.Contains(e.SongKey))
            {
                (int? E, int? M, int? C) before = latest.GetValueOrDefault((e.SongKey, e.Listener));
                latest[(e.SongKey, e.Listener)] = (r.E ?? before.E, r.M ?? before.M, r.C ?? before.C);
            }
        }

        return latest.GroupBy(p => p.Key.Song, StringComparer.Ordinal)
            .Select(g => (g.Key, E: Mean(g.Select(x => x.Value.E)), M: Mean(g.Select(x => x.Value.M)), C: Mean(g.Select(x => x.Value.C))))
            .Where(x => x.E is not null && x.M is not null && x.C is not null)
            .ToDictionary(x => x.Key, x => new Ratings(x.E!.Value, x.M!.Value, x.C!.Value), StringComparer.Ordinal);
    }

    private static double? Mean(IEnumerable<int?> values)
    {
        int[] present = values.OfType<int>().ToArray();
        return present.Length == 0 ? null : Math.Round(present.Average(), 2);
    }
}
