using SidFlow.Core.Operations;

namespace SidFlow.Functions;

/// <summary>This project's log messages, source-generated, with event ids (6000-6999); failures carry their exception.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Health {Overall}: {Checks}")]
    public static partial void HealthProbed(this ILogger logger, HealthStatus overall, string checks);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "A render-u64-answers message of {Length} characters is not an edge agent answer; dropped")]
    public static partial void UnreadableHardwareAnswer(this ILogger logger, int length);
}
