using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SidFlow.Core.Operations;

/// <summary>One line of <c>audit/admin-actions.jsonl</c>, in the guide's shape.</summary>
public sealed record AuditEntry(
    [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("actor")] string Actor,
    [property: JsonPropertyName("details")] JsonObject Details,
    [property: JsonPropertyName("success")] bool Success);

/// <summary>The audit trail: append-only, one JSON line per admin action (failures included); read back newest last.</summary>
public interface IAuditLog
{
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>Entries whose action starts with <paramref name="actionPrefix"/> (all when null), since a time, at most <paramref name="limit"/> of the newest.</summary>
    Task<IReadOnlyList<AuditEntry>> ReadAsync(string? actionPrefix, DateTimeOffset? since, int limit, CancellationToken cancellationToken);
}
