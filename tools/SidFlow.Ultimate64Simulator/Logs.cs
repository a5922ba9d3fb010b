using Microsoft.Extensions.Logging;

namespace SidFlow.Ultimate64Simulator;

/// <summary>The simulator's log messages, source-generated.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Ultimate 64 simulator listening on {Address}")]
    public static partial void Listening(this ILogger logger, Uri address);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Playing '{Name}' song {Subtune} ({Model}, {Clock})")]
    public static partial void SongStarted(this ILogger logger, string name, int subtune, string model, SidClockKind clock);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Machine {Command}: the song stops")]
    public static partial void SongStopped(this ILogger logger, string command);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "The emulator cannot play '{Name}' song {Subtune}; the stream carries silence")]
    public static partial void SongCannotPlay(this ILogger logger, string name, int subtune, Exception exception);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Audio stream to {Target} from sequence {FirstSequence}")]
    public static partial void StreamStarted(this ILogger logger, string target, int firstSequence);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Audio stream to {Target} stopped: {Sent} packets sent, {Dropped} dropped, {Duplicated} duplicated, {Reordered} reordered")]
    public static partial void StreamStopped(this ILogger logger, string target, long sent, long dropped, long duplicated, long reordered);

    [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "Audio stream to {Target} failed")]
    public static partial void StreamFailed(this ILogger logger, string target, Exception exception);
}
