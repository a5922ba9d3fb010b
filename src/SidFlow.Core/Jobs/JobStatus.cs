using System.Text.Json.Serialization;

namespace SidFlow.Core.Jobs;

[JsonConverter(typeof(JsonStringEnumConverter<JobStatus>))]
public enum JobStatus
{
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("running")] Running,
    [JsonStringEnumMemberName("paused")] Paused,
    [JsonStringEnumMemberName("completed")] Completed,
    [JsonStringEnumMemberName("failed")] Failed,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}

public static class JobStatusExtensions
{
    public static bool IsTerminal(this JobStatus status) => status is JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled;

    public static string ToWire(this JobStatus status) => status.ToString().ToLowerInvariant();

    public static bool TryParseWire(string? text, out JobStatus status) =>
        Enum.TryParse(text, ignoreCase: true, out status) && Enum.IsDefined(status);
}
