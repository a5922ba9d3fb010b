using SidFlow.Storage;

namespace SidFlow.Functions.Hosting;

/// <summary>How to run the web app: where it listens, which storage, which admin token.</summary>
public sealed record WebAppSettings(IConfiguration Configuration, StorageOptions Storage, AdminToken AdminToken, string Url)
{
    /// <summary>Run the app's own queue listeners and timers (standalone); off when the Functions host triggers it.</summary>
    public bool StandaloneTriggers { get; init; } = true;

    /// <summary>Run the dispatcher (and, standalone, the workers) in this process.</summary>
    public bool RunJobEngine { get; init; } = true;

    /// <summary>Registrations applied after SidFlow's own (tests add job types, a fake clock).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    public LogLevel ConsoleLogLevel { get; init; } = LogLevel.Information;
}
