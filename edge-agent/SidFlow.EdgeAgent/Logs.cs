using Microsoft.Extensions.Logging;

namespace SidFlow.EdgeAgent;

/// <summary>The edge agent's log messages, source-generated, with event ids (7000-7999); failures carry their exception.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Edge agent {Agent} takes hardware renders, {Slots} at a time")]
    public static partial void AgentStarted(this ILogger logger, string agent, int slots);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Rendered {RequestId}: {SidPath} #{Subtune} on the Ultimate 64, packet loss {Loss:P3}, {Attempts} capture(s)")]
    public static partial void Rendered(this ILogger logger, string requestId, string sidPath, int subtune, double loss, int attempts);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Hardware render {RequestId} of {SidPath} #{Subtune} failed: {Reason}")]
    public static partial void RenderFailed(this ILogger logger, string requestId, string sidPath, int subtune, string reason);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Information, Message = "Captured {SidPath} #{Subtune}: {Frames} frames in {Packets} packets, {Lost} lost ({Loss:P3}) in {Milliseconds:0} ms, attempt {Attempt}")]
    public static partial void Captured(this ILogger logger, string sidPath, int subtune, long frames, long packets, long lost, double loss, double milliseconds, int attempt);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Warning, Message = "Could not {Action} the Ultimate 64 at {Device}")]
    public static partial void CleanupFailed(this ILogger logger, Exception exception, string action, Uri device);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Information, Message = "The device does not report its system mode; using clockSpeed {Clock}")]
    public static partial void SystemModeUnknown(this ILogger logger, Exception exception, string clock);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Warning, Message = "Could not remove the work files in {Folder}")]
    public static partial void WorkFilesNotRemoved(this ILogger logger, Exception exception, string folder);

    [LoggerMessage(EventId = 7008, Level = LogLevel.Error, Message = "Could not read the render-u64 queue; trying again")]
    public static partial void QueueUnreadable(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7009, Level = LogLevel.Error, Message = "Could not answer or remove queue message {MessageId}; it reappears and is answered then")]
    public static partial void AnswerFailed(this ILogger logger, Exception exception, string messageId);

    [LoggerMessage(EventId = 7010, Level = LogLevel.Information, Message = "Stopping: hardware render {RequestId} left on the queue for the next agent run")]
    public static partial void RenderInterrupted(this ILogger logger, string requestId);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Warning, Message = "Queue message {MessageId} is not a render request and is removed: {Reason}")]
    public static partial void RequestUnreadable(this ILogger logger, string messageId, string reason);

    [LoggerMessage(EventId = 7012, Level = LogLevel.Warning, Message = "Could not extend the invisibility of queue message {MessageId}")]
    public static partial void ExtendFailed(this ILogger logger, Exception exception, string messageId);

    [LoggerMessage(EventId = 7013, Level = LogLevel.Warning, Message = "Heartbeat not written")]
    public static partial void HeartbeatFailed(this ILogger logger, Exception exception);
}
