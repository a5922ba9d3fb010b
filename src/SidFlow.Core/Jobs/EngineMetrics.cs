namespace SidFlow.Core.Jobs;

/// <summary>In-process figures of this instance's workers: items finished and enqueue-to-done latency.</summary>
public sealed class EngineMetrics
{
    private const int Reservoir = 100_000;
    private readonly Lock _gate = new();
    private readonly List<double> _latenciesMs = [];
    private long _itemsDone;
    private long _itemsFailed;
    private long _itemsRetried;
    private long _messages;

    public void RecordMessage() => Interlocked.Increment(ref _messages);

    public void RecordItems(int done, int failed, int retried, long enqueuedAtMs, long finishedAtMs)
    {
        Interlocked.Add(ref _itemsDone, done);
        Interlocked.Add(ref _itemsFailed, failed);
        Interlocked.Add(ref _itemsRetried, retried);
        if (done + failed == 0)
        {
            return;
        }

        lock (_gate)
        {
            for (int i = 0; i < done + failed && _latenciesMs.Count < Reservoir; i++)
            {
                _latenciesMs.Add(Math.Max(0, finishedAtMs - enqueuedAtMs));
            }
        }
    }

    public EngineSnapshot Snapshot()
    {
        double[] sorted;
        lock (_gate)
        {
            sorted = _latenciesMs.Order().ToArray();
        }

        return new EngineSnapshot(
            Interlocked.Read(ref _itemsDone),
            Interlocked.Read(ref _itemsFailed),
            Interlocked.Read(ref _itemsRetried),
            Interlocked.Read(ref _messages),
            Percentile(sorted, 0.50),
            Percentile(sorted, 0.95));
    }

    public void Reset()
    {
        lock (_gate)
        {
            _latenciesMs.Clear();
        }

        Interlocked.Exchange(ref _itemsDone, 0);
        Interlocked.Exchange(ref _itemsFailed, 0);
        Interlocked.Exchange(ref _itemsRetried, 0);
        Interlocked.Exchange(ref _messages, 0);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

public sealed record EngineSnapshot(long ItemsDone, long ItemsFailed, long ItemsRetried, long Messages, double P50LatencyMs, double P95LatencyMs);
