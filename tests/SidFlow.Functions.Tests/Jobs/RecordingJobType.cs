using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using SidFlow.Core.Jobs;

namespace SidFlow.Functions.Tests.Jobs;

/// <summary>A test-only job type that records when each item started and finished, and writes a temp blob per item.</summary>
public sealed class RecordingJobType(string name = "recording") : JobType
{
    public ConcurrentQueue<(string Key, DateTimeOffset At)> Starts { get; } = new();

    public ConcurrentQueue<(string Key, DateTimeOffset At)> Finishes { get; } = new();

    public override string Name { get; } = name;

    public override int? MaxParallelItems(JsonObject config) => config["parallel"]?.GetValue<int>();

    public override async IAsyncEnumerable<JobItemSpec> EnumerateAsync(JobContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        int items = context.Config["items"]?.GetValue<int>() ?? 10;
        for (int i = 1; i <= items; i++)
        {
            yield return new JobItemSpec($"rec-{i:D4}");
        }

        await Task.CompletedTask;
    }

    public override async Task RunItemAsync(JobItemContext context, CancellationToken cancellationToken)
    {
        Starts.Enqueue((context.Key, DateTimeOffset.UtcNow));
        if (context.Config["tempBlobs"]?.GetValue<bool>() == true)
        {
            await context.Temp.WriteAsync(context.Job.Id, context.Key + ".tmp", new MemoryStream([1, 2, 3]), cancellationToken);
        }

        await Task.Delay(context.Config["delayMs"]?.GetValue<int>() ?? 100, cancellationToken);
        Finishes.Enqueue((context.Key, DateTimeOffset.UtcNow));
    }
}
