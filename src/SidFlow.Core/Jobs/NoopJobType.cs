using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace SidFlow.Core.Jobs;

/// <summary>
/// The engine's diagnostic job: N items that wait <c>delayMs</c> each and throw for the keys in
/// <c>failKeys</c>; with <c>logItems</c> every run of an item writes a line to the job's log, so a test can
/// see how often each ran. It measures the engine (<c>sidflow bench jobs</c>) and proves it end to end.
/// </summary>
public sealed class NoopJobType : JobType
{
    public const string TypeName = "noop";
    private const int MaxItems = 1_000_000;

    public override string Name => TypeName;

    /// <summary>How a run of an item starts its log line when <c>logItems</c> is on.</summary>
    public const string RunLinePrefix = "ran ";

    public static string KeyOf(int index) => $"item-{index:D7}";

    public override JsonObject NormalizeConfig(JsonObject config)
    {
        int items = ReadInt(config, "items", 10, 0, MaxItems);
        int delay = ReadInt(config, "delayMs", 0, 0, 600_000);
        var failKeys = new JsonArray();
        if (config["failKeys"] is JsonArray keys)
        {
            foreach (JsonNode? k in keys)
            {
                failKeys.Add(k?.GetValue<string>() ?? throw new JobConfigException("failKeys must be strings"));
            }
        }
        else if (config["failKeys"] is not null)
        {
            throw new JobConfigException("failKeys must be an array of item keys");
        }

        bool logItems = config["logItems"] switch
        {
            null => false,
            JsonValue v when v.TryGetValue(out bool b) => b,
            _ => throw new JobConfigException("logItems must be true or false"),
        };
        return new JsonObject { ["items"] = items, ["delayMs"] = delay, ["failKeys"] = failKeys, ["logItems"] = logItems };
    }

    public override async IAsyncEnumerable<JobItemSpec> EnumerateAsync(JobContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        int items = context.Config["items"]!.GetValue<int>();
        for (int i = 1; i <= items; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new JobItemSpec(KeyOf(i));
        }

        await Task.CompletedTask;
    }

    public override async Task RunItemAsync(JobItemContext context, CancellationToken cancellationToken)
    {
        int delay = context.Config["delayMs"]!.GetValue<int>();
        if (context.Config["logItems"]?.GetValue<bool>() == true)
        {
            context.Log($"{RunLinePrefix}{context.Key} attempt {context.Attempt} in process {Environment.ProcessId}");
        }

        if (delay > 0)
        {
            await Task.Delay(delay, cancellationToken);
        }

        if (context.Config["failKeys"] is JsonArray fail && fail.Any(k => k?.GetValue<string>() == context.Key))
        {
            throw new InvalidOperationException($"configured to fail: {context.Key}");
        }
    }

    private static int ReadInt(JsonObject config, string name, int fallback, int min, int max)
    {
        JsonNode? node = config[name];
        if (node is null)
        {
            return fallback;
        }

        if (node is not JsonValue v || !v.TryGetValue(out int value))
        {
            throw new JobConfigException($"{name} must be a whole number");
        }

        return value < min || value > max
            ? throw new JobConfigException(string.Create(CultureInfo.InvariantCulture, $"{name} must be {min}..{max}, not {value}"))
            : value;
    }
}
