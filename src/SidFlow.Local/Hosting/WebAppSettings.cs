using SidFlow.Api.Security;
using SidFlow.Storage;

namespace SidFlow.Local.Hosting;

/// <summary>How to run the local web app: where it listens, which storage, which admin token.</summary>
public sealed record WebAppSettings(IConfiguration Configuration, StorageOptions Storage, AdminToken AdminToken, string Url)
{
    /// <summary>Run orchestrations and activities, admission and the schedule in this process; off for a client-only app.</summary>
    public bool RunJobEngine { get; init; } = true;

    /// <summary>Registrations applied after SidFlow's own (tests add job types, a fake clock).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    public LogLevel ConsoleLogLevel { get; init; } = LogLevel.Information;

    /// <summary>Where the daily access log files go (<c>up</c> and <c>serve</c>: <c>data/logs</c>); null for none.</summary>
    public string? AccessLogDirectory { get; init; }
}
