using SidFlow.Storage;

namespace SidFlow.Functions.Hosting;

/// <summary>How to run the web app: where it listens, which storage, which admin token.</summary>
public sealed record WebAppSettings(IConfiguration Configuration, StorageOptions Storage, AdminToken AdminToken, string Url)
{
    /// <summary>Run the app's own queue listeners and timers (standalone); off when the Functions host triggers it.</summary>
    public bool StandaloneTriggers { get; init; } = true;

    public LogLevel ConsoleLogLevel { get; init; } = LogLevel.Information;
}
