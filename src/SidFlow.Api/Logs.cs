namespace SidFlow.Api;

/// <summary>This project's log messages, source-generated, with event ids (4000-4999); failures carry their exception.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Similarity index not refreshed; trying again in a minute")]
    public static partial void SimilarityIndexNotRefreshed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Storage ready (prefix '{Prefix}')")]
    public static partial void StorageReady(this ILogger logger, string prefix);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error, Message = "Storage is not reachable; retrying in {Delay}")]
    public static partial void StorageUnreachable(this ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Error, Message = "The audit line of {Action} could not be written")]
    public static partial void AuditNotWritten(this ILogger logger, Exception exception, string action);

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "{Method} {Route} ({Handler}) {Status} in {DurationMs:0.0} ms")]
    public static partial void RequestServed(this ILogger logger, string method, string route, string handler, int status, double durationMs);
}
