using System.Diagnostics;

namespace SidFlow.Core.Classification;

/// <summary>Where classification time goes in this process: render, features, storage.</summary>
public sealed class ClassifyMetrics
{
    private long _songs, _renderTicks, _featureTicks, _storageTicks;

    public void Record(TimeSpan render, TimeSpan features, TimeSpan storage)
    {
        Interlocked.Increment(ref _songs);
        Interlocked.Add(ref _renderTicks, render.Ticks);
        Interlocked.Add(ref _featureTicks, features.Ticks);
        Interlocked.Add(ref _storageTicks, storage.Ticks);
    }

    public (long Songs, TimeSpan Render, TimeSpan Features, TimeSpan Storage) Snapshot() =>
        (Interlocked.Read(ref _songs), TimeSpan.FromTicks(Interlocked.Read(ref _renderTicks)),
         TimeSpan.FromTicks(Interlocked.Read(ref _featureTicks)), TimeSpan.FromTicks(Interlocked.Read(ref _storageTicks)));

    public static TimeSpan Time(Action action)
    {
        long start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start);
    }
}
