using SidFlow.Pipeline.Jobs;

namespace SidFlow.Local.Cli;

/// <summary>
/// A started host for a verb: with the engine, a verb that starts a job runs orchestrations and activities in
/// its own process while it waits, so the job progresses with or without a running <c>up</c> (both then share
/// the task hub's work).
/// </summary>
public sealed class EngineSession : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private readonly IHost _host;
    private readonly AsyncServiceScope _scope;

    private EngineSession(IHost host)
    {
        _host = host;
        _scope = host.Services.CreateAsyncScope();
    }

    /// <summary>Services of the session's own scope (scoped services such as <see cref="JobService"/> live as long as the session).</summary>
    public IServiceProvider Services => _scope.ServiceProvider;

    public JobService Jobs => Services.GetRequiredService<JobService>();

    public static async Task<EngineSession> StartAsync(AppSession session, CancellationToken cancellationToken, Action<IServiceCollection>? configure = null, string? prefix = null, bool runEngine = true)
    {
        IHost host = session.CreateHost(runEngine, configure, prefix);
        await host.StartAsync(cancellationToken);
        await host.Services.GetRequiredService<SidFlow.Api.Composition.StorageReadiness>().Ready.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        return new EngineSession(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        using var timeout = new CancellationTokenSource(StopTimeout);
        await _host.StopAsync(timeout.Token);
        _host.Dispose();
    }
}
