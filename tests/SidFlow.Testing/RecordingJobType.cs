using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using SidFlow.Core.Jobs;

namespace SidFlow.Testing;

/// <summary>
/// A test-only job type that records every start and finish of an item (with its attempt and config), writes a
/// temp blob per item on request, sleeps <c>delayMs</c>, and fails the keys in <c>failKeys</c>.
/// </summary>
public sealed class RecordingJobType(string name = "recording") : JobType
{
    public ConcurrentQueue<ItemRun> Starts { get; } = new();

    public ConcurrentQueue<ItemRun> Finishes { get; } = new();

    public override string Name { get; } = name;

    public static string KeyOf(int index) => $"rec-{index:D4}";

    public override int? MaxParallelItems(JsonObject config) => config["parallel"]?.GetValue<int>();

    public override int? ItemsPerActivity(JsonObject config) => config["perActivity"]?.GetValue<int>();

    public override async IAsyncEnumerable<JobItemSpec> EnumerateAsync(JobContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        int items = context.Config["items"]?.GetValue<int>() ?? 10;
        for (int i = 1; i <= items; i++)
        {
            yield return new JobItemSpec(KeyOf(i));
        }

        await Task.CompletedTask;
    }

    public override async Task RunItemAsync(JobItemContext context, CancellationToken cancellationToken)
    {
        Starts.Enqueue(new ItemRun(context.Key, context.Attempt, DateTimeOffset.UtcNow, context.Config.ToJsonString()));
        if (context.Config["tempBlobs"]?.GetValue<bool>() == true)
        {
            await context.Temp.WriteAsync(context.Job.Id, context.Key + ".tmp", new MemoryStream([1, 2, 3]), cancellationToken);
        }

        await Task.Delay(context.Config["delayMs"]?.GetValue<int>() ?? 100, cancellationToken);
        if (context.Config["failKeys"] is JsonArray fail && fail.Any(k => k?.GetValue<string>() == context.Key))
        {
            throw new InvalidOperationException($"configured to fail: {context.Key}");
        }

        Finishes.Enqueue(new ItemRun(context.Key, context.Attempt, DateTimeOffset.UtcNow, context.Config.ToJsonString()));
    }
}

public sealed record ItemRun(string Key, int Attempt, DateTimeOffset At, string Config);
