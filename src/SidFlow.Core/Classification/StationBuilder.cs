namespace SidFlow.Core.Classification;

public enum StationMood
{
    Any,
    Energetic,
    Quiet,
    Dark,
    Bright,
    Complex,
    Ambient,
}

/// <summary>
/// A station: the seed, then a walk to the most similar unplayed song that stays within the mood's reach
/// of the seed (its nearest share of the corpus) and honours the mood's ratings, never the same song
/// twice and never a composer more than three times in a row. It ends early rather than break those rules.
/// </summary>
public static class StationBuilder
{
    private const int MaxRun = 3;

    /// <summary>How far a mood lets the station drift: the share of the corpus nearest the seed it may visit.</summary>
    public static double ReachOf(StationMood mood) => mood switch
    {
        StationMood.Ambient => 0.05,
        StationMood.Quiet or StationMood.Dark or StationMood.Bright => 0.10,
        StationMood.Energetic or StationMood.Complex => 0.15,
        _ => 0.08,
    };

    public static IReadOnlyList<SongVector> Build(SimilarityIndex index, SongVector seed, int size, StationMood mood)
    {
        // At least three songs per place, so that rules can be kept; at most the mood's share of the corpus.
        int reach = Math.Max(3 * size, (int)Math.Ceiling(ReachOf(mood) * index.Songs.Count));
        var pool = index.Nearest(seed, reach).Select(n => n.Song).Where(s => Fits(s, seed, mood)).ToList();
        var station = new List<SongVector> { seed };
        var played = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { seed.Key };
        SongVector current = seed;
        while (station.Count < size)
        {
            SongVector? next = pool
                .Where(s => !played.Contains(s.Key) && !RunTooLong(station, s))
                .Select(s => (Song: s, Score: 0.6 * SimilarityIndex.Cosine(current, s) + 0.4 * SimilarityIndex.Cosine(seed, s) + 0.1 * Lean(s, mood)))
                .OrderByDescending(x => x.Score)
                .ThenBy(x => x.Song.Key, StringComparer.Ordinal)
                .Select(x => x.Song)
                .FirstOrDefault();
            if (next is null)
            {
                break;
            }

            station.Add(next);
            played.Add(next.Key);
            current = next;
        }

        return station;
    }

    public static bool TryParse(string? text, out StationMood mood)
    {
        mood = StationMood.Any;
        return string.IsNullOrEmpty(text) || (Enum.TryParse(text, ignoreCase: true, out mood) && mood != StationMood.Any);
    }

    /// <summary>The mood's ratings: energetic keeps energy at or above the seed's level (at least 3), and so on.</summary>
    private static bool Fits(SongVector s, SongVector seed, StationMood mood)
    {
        if (s.Ratings is not { } r || seed.Ratings is not { } k)
        {
            return mood == StationMood.Any;
        }

        return mood switch
        {
            StationMood.Energetic => r.E >= Math.Min(3, k.E) - 0.25,
            StationMood.Quiet => r.E <= Math.Max(3, k.E) + 0.25,
            StationMood.Dark => r.M <= Math.Max(3, k.M) + 0.25,
            StationMood.Bright => r.M >= Math.Min(3, k.M) - 0.25,
            StationMood.Complex => r.C >= Math.Min(3, k.C) - 0.25,
            StationMood.Ambient => r.E <= Math.Max(3, k.E) + 0.25 && r.C <= Math.Max(3.5, k.C) + 0.25,
            _ => true,
        };
    }

    /// <summary>A small pull in the mood's direction, so ties go to the more fitting song.</summary>
    private static double Lean(SongVector s, StationMood mood) => s.Ratings is not { } r ? 0 : mood switch
    {
        StationMood.Energetic => (r.E - 3) / 2,
        StationMood.Quiet => (3 - r.E) / 2,
        StationMood.Dark => (3 - r.M) / 2,
        StationMood.Bright => (r.M - 3) / 2,
        StationMood.Complex => (r.C - 3) / 2,
        StationMood.Ambient => (6 - r.E - r.C) / 4,
        _ => 0,
    };

    private static bool RunTooLong(List<SongVector> station, SongVector candidate)
    {
        if (string.IsNullOrWhiteSpace(candidate.Author) || candidate.Author is "<?>" || station.Count < MaxRun)
        {
            return false;
        }

        return station.TakeLast(MaxRun).All(s => string.Equals(s.Author, candidate.Author, StringComparison.OrdinalIgnoreCase));
    }
}
