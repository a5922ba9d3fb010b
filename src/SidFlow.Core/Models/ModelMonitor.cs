namespace SidFlow.Core.Models;

/// <summary>
/// This process's view of the production model: which version is loaded since when, its predictions (count,
/// errors, latency), and why a published model could not be loaded.
/// </summary>
public sealed class ModelMonitor(TimeProvider time)
{
    private const int Reservoir = 10_000;
    private readonly Lock _gate = new();
    private readonly Queue<double> _latenciesMs = new();
    private long _predictions;
    private long _errors;
    private double _totalMs;

    public string? LoadedVersion { get; private set; }
    public DateTimeOffset? LoadedAt { get; private set; }

    /// <summary>Why the published model is not in use (a schema mismatch, a missing or tampered artifact); null when it is.</summary>
    public string? LoadError { get; private set; }

    public void Loaded(string version)
    {
        lock (_gate)
        {
            if (LoadedVersion != version)
            {
                _latenciesMs.Clear();
                _predictions = _errors = 0;
                _totalMs = 0;
            }

            LoadedVersion = version;
            LoadedAt = time.GetUtcNow();
            LoadError = null;
        }
    }

    public void LoadFailed(string reason)
    {
        lock (_gate)
        {
            LoadedVersion = null;
            LoadError = reason;
        }
    }

    public void RecordPrediction(TimeSpan latency, bool failed)
    {
        lock (_gate)
        {
            _predictions++;
            _errors += failed ? 1 : 0;
            _totalMs += latency.TotalMilliseconds;
            _latenciesMs.Enqueue(latency.TotalMilliseconds);
            if (_latenciesMs.Count > Reservoir)
            {
                _latenciesMs.Dequeue();
            }
        }
    }

    public PredictionStatistics Snapshot()
    {
        lock (_gate)
        {
            double[] sorted = [.. _latenciesMs.Order()];
            double p95 = sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(0.95 * sorted.Length) - 1, 0, sorted.Length - 1)];
            return new PredictionStatistics(_predictions, _errors, _predictions == 0 ? 0 : (double)_errors / _predictions,
                _predictions == 0 ? 0 : Math.Round(_totalMs / _predictions, 4), Math.Round(p95, 4));
        }
    }
}

/// <summary>The guide's <c>predictions</c>: latencies in milliseconds.</summary>
public sealed record PredictionStatistics(long Total, long Errors, double ErrorRate, double AvgLatency, double P95Latency);
