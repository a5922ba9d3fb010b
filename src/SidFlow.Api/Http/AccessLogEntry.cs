using System.Text.Json.Serialization;

namespace SidFlow.Api.Http;

/// <summary>
/// One served request, as access logs keep it: the route template and handler, never the path's values, the query
/// string, a header or the client's address, so no token, secret or listener id reaches a log.
/// </summary>
public sealed record AccessLogEntry(
    [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("route")] string Route,
    [property: JsonPropertyName("handler")] string Handler,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("durationMs")] double DurationMs);

/// <summary>Where access log entries go: daily files locally, the logger (Application Insights) in Azure.</summary>
public interface IAccessLog
{
    void Write(AccessLogEntry entry);
}
