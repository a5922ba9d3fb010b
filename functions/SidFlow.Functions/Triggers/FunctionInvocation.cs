using System.Text.Json.Nodes;

namespace SidFlow.Functions.Triggers;

/// <summary>What the Functions host POSTs to <c>/{FunctionName}</c> for a non-HTTP trigger.</summary>
public sealed record FunctionInvocation(JsonObject? Data, JsonObject? Metadata)
{
    public string? BindingText(string binding) => Data?[binding] switch
    {
        null => null,
        JsonValue v when v.TryGetValue(out string? s) => s,
        JsonNode n => n.ToJsonString(),
    };

    public int DequeueCount =>
        Metadata?["DequeueCount"] is JsonValue v && (v.TryGetValue(out int i) || (v.TryGetValue(out string? s) && int.TryParse(s, out i))) ? i : 1;
}

/// <summary>What the handler answers: the host reads Outputs, Logs and ReturnValue.</summary>
public sealed record FunctionResponse(IReadOnlyDictionary<string, object?> Outputs, IReadOnlyList<string> Logs, object? ReturnValue);

/// <summary>The result of one trigger invocation; a failure answers non-2xx so the host retries.</summary>
public sealed record FunctionOutcome(bool Succeeded, IReadOnlyList<string> Logs, object? ReturnValue = null)
{
    public static FunctionOutcome Ok(params string[] logs) => new(true, logs);

    public static FunctionOutcome Failed(params string[] logs) => new(false, logs);
}
