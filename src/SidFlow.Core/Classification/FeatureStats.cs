namespace SidFlow.Core.Classification;

/// <summary>
/// Normalization statistics of every feature over the classified corpus (<c>models/feature-stats.json</c>):
/// mean and spread for z-scores (the rating heuristic), 101 quantiles for ranks (similarity).
/// </summary>
public sealed record FeatureStats
{
    public const int QuantileCount = 101;

    public required string FeatureSetVersion { get; init; }
    public required int Count { get; init; }
    public required DateTimeOffset ComputedAt { get; init; }
    public required IReadOnlyDictionary<string, FeatureStat> Features { get; init; }

    public static FeatureStats Compute(IReadOnlyList<IReadOnlyDictionary<string, double>> rows, DateTimeOffset now)
    {
        var features = new Dictionary<string, FeatureStat>(StringComparer.Ordinal);
        foreach (string name in rows.SelectMany(r => r.Keys).Distinct(StringComparer.Ordinal))
        {
            double[] values = rows.Select(r => r.TryGetValue(name, out double v) ? v : 0).Where(double.IsFinite).Order().ToArray();
            if (values.Length == 0)
            {
                continue;
            }

            double mean = values.Average();
            double std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
            double[] quantiles = Enumerable.Range(0, QuantileCount)
                .Select(i => values[(int)Math.Round((double)i / (QuantileCount - 1) * (values.Length - 1))]).ToArray();
            features[name] = new FeatureStat(mean, std, values[0], values[^1], quantiles);
        }

        return new FeatureStats { FeatureSetVersion = FeatureSet.Version, Count = rows.Count, ComputedAt = now, Features = features };
    }

    /// <summary>How many spreads from the corpus mean, clamped to ±3 (0 for unknown or constant features).</summary>
    public double Z(string name, IReadOnlyDictionary<string, double> features)
    {
        if (!Features.TryGetValue(name, out FeatureStat? stat) || stat.Std <= 1e-12 || !features.TryGetValue(name, out double value))
        {
            return 0;
        }

        return Math.Clamp((value - stat.Mean) / stat.Std, -3, 3);
    }

    /// <summary>The share of the corpus at or below the value, from the quantiles (0.5 for unknown features).</summary>
    public double Rank(string name, double value)
    {
        if (!Features.TryGetValue(name, out FeatureStat? stat) || stat.Max - stat.Min <= 1e-12)
        {
            return 0.5;
        }

        double[] q = stat.Quantiles;
        if (value <= q[0])
        {
            return 0;
        }

        if (value >= q[^1])
        {
            return 1;
        }

        int hi = Array.BinarySearch(q, value);
        if (hi >= 0)
        {
            // Equal quantiles (a common value): the middle of their run.
            int lo = hi;
            while (lo > 0 && q[lo - 1] == value)
            {
                lo--;
            }

            while (hi < q.Length - 1 && q[hi + 1] == value)
            {
                hi++;
            }

            return (lo + hi) / 2.0 / (q.Length - 1);
        }

        hi = ~hi;
        double fraction = (value - q[hi - 1]) / (q[hi] - q[hi - 1]);
        return (hi - 1 + fraction) / (q.Length - 1);
    }
}

public sealed record FeatureStat(double Mean, double Std, double Min, double Max, double[] Quantiles);

/// <summary>Where the statistics live (<c>models/feature-stats.json</c>).</summary>
public interface IFeatureStatsStore
{
    Task<FeatureStats?> ReadAsync(CancellationToken cancellationToken);

    Task WriteAsync(FeatureStats stats, CancellationToken cancellationToken);
}
