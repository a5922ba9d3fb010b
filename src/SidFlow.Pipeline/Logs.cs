using Microsoft.Extensions.Logging;

namespace SidFlow.Pipeline;

/// <summary>This project's log messages, source-generated, with event ids (2000-2999); failures carry their exception.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Admitted {JobId} as {InstanceId} (priority {Priority})")]
    public static partial void Admitted(this ILogger logger, string jobId, string instanceId, int priority);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Job {JobId} was marked running but has no instance {InstanceId}; starting it")]
    public static partial void RestartingMissing(this ILogger logger, string jobId, string instanceId);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Admission failed; the next admission tick tries again")]
    public static partial void AdmissionFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Error, Message = "jobs.schedule.{Type} = '{Expression}' is not a five-field cron expression")]
    public static partial void BadScheduleExpression(this ILogger logger, Exception exception, string type, string expression);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Scheduled {Type} for {Occurrence:u}: {JobId}")]
    public static partial void ScheduleFired(this ILogger logger, string type, DateTime occurrence, string jobId);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Error, Message = "Scheduled {Type} for {Occurrence:u} not started")]
    public static partial void ScheduledJobNotStarted(this ILogger logger, Exception exception, string type, DateTime occurrence);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Relayed the edge agent's answer to {RequestId} ({Status}) to {InstanceId}")]
    public static partial void AnswerRelayed(this ILogger logger, string requestId, string instanceId, string status);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "The edge agent's answer to {RequestId} names no job run; dropped")]
    public static partial void AnswerWithoutRun(this ILogger logger, string requestId);
}
