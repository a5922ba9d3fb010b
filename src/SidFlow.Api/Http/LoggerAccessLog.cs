namespace SidFlow.Api.Http;

/// <summary>Access log entries as structured log events (category <c>SidFlow.Access</c>), which Application Insights collects in Azure.</summary>
public sealed class LoggerAccessLog(ILoggerFactory loggers) : IAccessLog
{
    private readonly ILogger _logger = loggers.CreateLogger("SidFlow.Access");

    public void Write(AccessLogEntry entry) =>
        _logger.RequestServed(entry.Method, entry.Route, entry.Handler, entry.Status, entry.DurationMs);
}
