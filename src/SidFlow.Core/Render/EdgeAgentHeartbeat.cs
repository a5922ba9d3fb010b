using System.Text.Json.Serialization;

namespace SidFlow.Core.Render;

/// <summary>
/// What an edge agent last said about itself and its Ultimate 64: written every
/// <c>render.ultimate64.heartbeatSeconds</c>, read by the <c>ultimate64</c> health check.
/// </summary>
public sealed record EdgeAgentHeartbeat(
    [property: JsonPropertyName("agent")] string Agent,
    [property: JsonPropertyName("seenAt")] DateTimeOffset SeenAt,
    [property: JsonPropertyName("intervalSeconds")] int IntervalSeconds,
    [property: JsonPropertyName("connected")] bool Connected,
    [property: JsonPropertyName("device")] string DeviceAddress,
    [property: JsonPropertyName("deviceInfo")] IReadOnlyDictionary<string, string>? DeviceInfo,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("rendersDone")] long RendersDone,
    [property: JsonPropertyName("rendersFailed")] long RendersFailed);

/// <summary>Where agents leave their heartbeats.</summary>
public interface IEdgeAgentRegistry
{
    Task WriteAsync(EdgeAgentHeartbeat heartbeat, CancellationToken cancellationToken);

    Task<IReadOnlyList<EdgeAgentHeartbeat>> ListAsync(CancellationToken cancellationToken);
}
