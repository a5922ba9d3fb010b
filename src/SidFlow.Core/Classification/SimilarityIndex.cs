namespace SidFlow.Core.Classification;

/// <summary>
/// Every classified song as a vector: each weighted feature's corpus rank (0..1) centred on 0.5, times the
/// square root of its weight, scaled to unit length; similarity is the cosine (a dot product here).
/// </summary>
public sealed class SimilarityIndex
{
    private readonly Dictionary<string, SongVector> _byKey;

    private SimilarityIndex(IReadOnlyList<SongVector> songs, DateTimeOffset? statsComputedAt)
    {
        Songs = songs;
        StatsComputedAt = statsComputedAt;
        _byKey = songs.ToDictionary(s => s.Key, StringComparer.OrdinalIgnoreCase);
    }

    public static SimilarityIndex Empty { get; } = new([], null);

    public IReadOnlyList<SongVector> Songs { get; }

    public DateTimeOffset? StatsComputedAt { get; }

    public static SimilarityIndex Build(IEnumerable<ClassificationRecord> records, FeatureStats stats)
    {
        string[] names = FeatureSet.SimilarityWeights.Keys.Order(StringComparer.Ordinal).ToArray();
        double[] scale = names.Select(n => Math.Sqrt(FeatureSet.SimilarityWeights[n])).ToArray();
        var songs = new List<SongVector>();
        foreach (ClassificationRecord r in records)
        {
            float[] v = new float[names.Length];
            double norm = 0;
            for (int i = 0; i < names.Length; i++)
            {
                double x = r.Features.TryGetValue(names[i], out double value) ? (stats.Rank(names[i], value) - 0.5) * scale[i] : 0;
                v[i] = (float)x;
                norm += x * x;
            }

            norm = Math.Sqrt(norm);
            if (norm > 0)
            {
                for (int i = 0; i < v.Length; i++)
                {
                    v[i] = (float)(v[i] / norm);
                }
            }

            songs.Add(new SongVector(r.Path, r.Subtune, r.Author, r.Title, r.Ratings, v));
        }

        return new SimilarityIndex(songs, stats.ComputedAt);
    }

    public SongVector? Find(string path, int subtune) => _byKey.GetValueOrDefault($"{path}#{subtune}");

    public IReadOnlyList<(SongVector Song, double Similarity)> Nearest(SongVector seed, int limit) =>
        Songs.Where(s => !ReferenceEquals(s, seed))
            .Select(s => (Song: s, Similarity: Cosine(seed, s)))
            .OrderByDescending(x => x.Similarity)
            .ThenBy(x => x.Song.Key, StringComparer.Ordinal)
            .Take(limit)
            .ToArray();

    public static double Cosine(SongVector a, SongVector b)
    {
        double dot = 0;
        for (int i = 0; i < a.Vector.Length; i++)
        {
            dot += a.Vector[i] * b.Vector[i];
        }

        return Math.Round(dot, 6);
    }
}

public sealed record SongVector(string Path, int Subtune, string? Author, string? Title, Ratings? Ratings, float[] Vector)
{
    public string Key => $"{Path}#{Subtune}";
}

/// <summary>Holds the current index; a classify job rebuilds it when it completes.</summary>
public interface ISimilarityIndexSource
{
    SimilarityIndex Current { get; }

    Task RebuildAsync(CancellationToken cancellationToken);
}
