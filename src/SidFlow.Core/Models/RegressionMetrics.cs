using System.Text.Json.Serialization;

namespace SidFlow.Core.Models;

/// <summary>Mean absolute error, root mean squared error and R² of predictions against targets.</summary>
public sealed record RegressionMetrics(
    [property: JsonPropertyName("mae")] double Mae,
    [property: JsonPropertyName("rmse")] double Rmse,
    [property: JsonPropertyName("r2")] double R2,
    [property: JsonPropertyName("count")] int Count)
{
    public static RegressionMetrics Of(IReadOnlyList<(double Predicted, double Actual)> pairs)
    {
        if (pairs.Count == 0)
        {
            return new RegressionMetrics(double.NaN, double.NaN, double.NaN, 0);
        }

        double mean = pairs.Average(p => p.Actual);
        double ssRes = pairs.Sum(p => (p.Actual - p.Predicted) * (p.Actual - p.Predicted));
        double ssTot = pairs.Sum(p => (p.Actual - mean) * (p.Actual - mean));
        return new RegressionMetrics(
            Math.Round(pairs.Average(p => Math.Abs(p.Actual - p.Predicted)), 4),
            Math.Round(Math.Sqrt(ssRes / pairs.Count), 4),
            Math.Round(ssTot <= 0 ? 0 : 1 - ssRes / ssTot, 4),
            pairs.Count);
    }

    /// <summary>The average of several dimensions' metrics (each dimension counts the same).</summary>
    public static RegressionMetrics Mean(IEnumerable<RegressionMetrics> dimensions)
    {
        RegressionMetrics[] present = dimensions.Where(d => d.Count > 0).ToArray();
        return present.Length == 0
            ? new RegressionMetrics(double.NaN, double.NaN, double.NaN, 0)
            : new RegressionMetrics(Math.Round(present.Average(d => d.Mae), 4), Math.Round(present.Average(d => d.Rmse), 4), Math.Round(present.Average(d => d.R2), 4), present.Sum(d => d.Count));
    }
}
