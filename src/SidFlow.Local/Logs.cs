using Microsoft.Extensions.Logging;

namespace SidFlow.Local;

/// <summary>This project's log messages, source-generated, with event ids (3000-3999 and 5000-5999); failures carry their exception.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Durable worker on task hub {TaskHub} started as {WorkerId}")]
    public static partial void DurableWorkerStarted(this ILogger logger, string taskHub, string workerId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Task hub {TaskHub} cannot be reached; trying again in {Delay}")]
    public static partial void TaskHubUnavailable(this ILogger logger, Exception exception, string taskHub, TimeSpan delay);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "The Durable worker did not stop in time; stopping it forcibly")]
    public static partial void DurableWorkerForcedStop(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Schedule tick failed; the next tick tries again")]
    public static partial void ScheduleFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "{ConfigFile} refers to ${{{Name}}}, which is not set in the environment")]
    public static partial void MissingVariable(this ILogger logger, string configFile, string name);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Using the Azurite already running for {Directory} (pid {Pid})")]
    public static partial void AzuriteAttached(this ILogger logger, string directory, int pid);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Azurite {Pid} listening on 127.0.0.1 blob {Blob}, queue {Queue}, table {Table}, data {Location}")]
    public static partial void AzuriteStarted(this ILogger logger, int pid, int blob, int queue, int table, string location);

    [LoggerMessage(EventId = 3301, Level = LogLevel.Error, Message = "Alert evaluation failed; trying again at the next interval")]
    public static partial void AlertEvaluationFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "Edge agent answers not relayed; the next pass tries again")]
    public static partial void AnswerRelayFailed(this ILogger logger, Exception exception);
}
