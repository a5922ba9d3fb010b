namespace SidFlow.Pipeline.Activities;

/// <summary>This process's figures of the item activities it ran: activities, items, and when each item finished (for <c>bench jobs</c>).</summary>
public sealed class JobItemMetrics
{
    private const int Reservoir = 1_000_000;
    private readonly Lock _gate = new();
    private readonly List<long> _finishedAtMs = [];
    private long _activities;
    private long _items;

    public void RecordBatch(int items, long finishedAtMs)
    {
        Interlocked.Increment(ref _activities);
        Interlocked.Add(ref _items, items);
        lock (_gate)
        {
            for (int i = 0; i < items && _finishedAtMs.Count < Reservoir; i++)
            {
                _finishedAtMs.Add(finishedAtMs);
            }
        }
    }

    public JobItemMetricsSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new JobItemMetricsSnapshot(Interlocked.Read(ref _activities), Interlocked.Read(ref _items), [.. _finishedAtMs]);
        }
    }
}

/// <param name="FinishedAtMs">When each item finished, in milliseconds since the epoch.</param>
public sealed record JobItemMetricsSnapshot(long Activities, long Items, IReadOnlyList<long> FinishedAtMs);
