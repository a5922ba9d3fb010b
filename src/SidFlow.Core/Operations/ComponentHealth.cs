using System.Text.Json.Serialization;

namespace SidFlow.Core.Operations;

/// <summary>One entry of <c>checks</c> in the health report.</summary>
public sealed record ComponentHealth(
    HealthStatus Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, object?>? Details = null);
