using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SidFlow.Core.Alerts;

/// <summary>The guide's alert payload, as webhooks receive it.</summary>
public sealed record AlertPayload(
    [property: JsonPropertyName("timestamp")] long Timestamp,
    [property: JsonPropertyName("severity")] string Severity,
    [property: JsonPropertyName("component")] string Component,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("details")] JsonObject Details);

/// <summary>A condition that holds now: <paramref name="Key"/> identifies it across evaluations (one alert until it clears).</summary>
public sealed record AlertCondition(string Key, string Severity, string Component, string Message, JsonObject Details);
