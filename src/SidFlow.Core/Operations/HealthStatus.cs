using System.Text.Json.Serialization;

namespace SidFlow.Core.Operations;

[JsonConverter(typeof(JsonStringEnumConverter<HealthStatus>))]
public enum HealthStatus
{
    [JsonStringEnumMemberName("healthy")] Healthy,
    [JsonStringEnumMemberName("degraded")] Degraded,
    [JsonStringEnumMemberName("unhealthy")] Unhealthy,
}
