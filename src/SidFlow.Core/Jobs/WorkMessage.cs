using System.Text.Json;
using System.Text.Json.Serialization;

namespace SidFlow.Core.Jobs;

/// <summary>A queue message: some items of one shard of one job, and when it was enqueued (for latency figures).</summary>
public sealed record WorkMessage(
    [property: JsonPropertyName("job")] string JobId,
    [property: JsonPropertyName("shard")] int Shard,
    [property: JsonPropertyName("keys")] IReadOnlyList<string> Keys,
    [property: JsonPropertyName("enqueuedAt")] long EnqueuedAt)
{
    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>Parses a message; null when it is not one of ours (it then goes to the poison queue).</summary>
    public static WorkMessage? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            WorkMessage? m = JsonSerializer.Deserialize<WorkMessage>(text);
            return m is { JobId.Length: > 0, Keys.Count: > 0 } && m.Shard is >= 0 and < JobShards.Count ? m : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
