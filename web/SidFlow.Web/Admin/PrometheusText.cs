using System.Globalization;

namespace SidFlow.Web.Admin;

/// <summary>Reads samples of one metric from Prometheus text exposition (GET /api/metrics).</summary>
public static class PrometheusText
{
    /// <summary>Each sample of <paramref name="metric"/>: its label text (inside the braces) and value.</summary>
    public static IEnumerable<(string Labels, double Value)> Samples(string text, string metric)
    {
        foreach (string line in text.Split('\n'))
        {
            if (line.StartsWith('#') || !line.StartsWith(metric, StringComparison.Ordinal))
            {
                continue;
            }

            string rest = line[metric.Length..];
            string labels = string.Empty;
            if (rest.StartsWith('{'))
            {
                int close = rest.IndexOf('}', StringComparison.Ordinal);
                labels = rest[1..close];
                rest = rest[(close + 1)..];
            }
            else if (!rest.StartsWith(' '))
            {
                continue;
            }

            if (double.TryParse(rest.Trim().Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                yield return (labels, value);
            }
        }
    }
}
