using SidFlow.Core.Jobs;
using SidFlow.Functions.Hosting;

namespace SidFlow.Functions.Cli;

/// <summary>
/// A verb that starts a job runs the engine in its own process while it waits, so the job progresses
/// with or without a running <c>up</c> (both then share the work; one dispatches).
/// </summary>
public sealed class EngineSession : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _engine;

    private EngineSession(ServiceProvider services)
    {
        _services = services;
        _engine = Task.Run(() => services.GetRequiredService<JobEngineRunner>().RunAsync(standaloneTriggers: true, _stop.Token));
    }

    public IServiceProvider Services => _services;
    public JobService Jobs => _services.GetRequiredService<JobService>();

    public static async Task<EngineSession> StartAsync(AppSession session, CancellationToken cancellationToken, Action<IServiceCollection>? configure = null, string? prefix = null)
    {
        ServiceProvider services = session.CreateServices(configure, prefix);
        await services.GetRequiredService<SidFlow.Storage.StorageClients>().EnsureCreatedAsync(cancellationToken);
        return new EngineSession(services);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _engine.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
        }

        await _services.DisposeAsync();
        _stop.Dispose();
    }
}
