using SidFlow.Storage;

namespace SidFlow.Api.Composition;

/// <summary>
/// Creates the layout's containers, tables and queues. Start-up waits a bounded time for it; when storage
/// is down the app still starts (health then says unhealthy) and keeps trying in the background.
/// Work that needs storage waits for <see cref="Ready"/>.
/// </summary>
public sealed class StorageReadiness(StorageClients storage, ILogger<StorageReadiness> logger) : BackgroundService
{
    private static readonly TimeSpan StartupWait = TimeSpan.FromSeconds(20);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstAttempt = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Ready => _ready.Task;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await base.StartAsync(cancellationToken);
        await Task.WhenAny(_firstAttempt.Task, Task.Delay(StartupWait, cancellationToken));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        TimeSpan delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await storage.EnsureCreatedAsync(stoppingToken);
                logger.StorageReady(storage.Names.Prefix);
                _ready.TrySetResult();
                _firstAttempt.TrySetResult();
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.StorageUnreachable(ex, delay);
                _firstAttempt.TrySetResult();
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }
}
