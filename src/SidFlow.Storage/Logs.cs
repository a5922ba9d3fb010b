using Microsoft.Extensions.Logging;

namespace SidFlow.Storage;

/// <summary>The storage adapters' log messages, source-generated, with event ids (7000-7999).</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "models/active-version.json names a model this version of SidFlow cannot load; rating with the heuristic")]
    public static partial void UnloadableActiveModel(this ILogger logger);
}
