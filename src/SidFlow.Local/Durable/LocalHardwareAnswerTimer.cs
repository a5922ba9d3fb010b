using SidFlow.Api.Composition;
using SidFlow.Pipeline.Jobs;

namespace SidFlow.Local.Durable;

/// <summary>
/// The local host's stand-in for the Functions app's queue trigger on <c>render-u64-answers</c>: every
/// <see cref="Interval"/> it raises the edge agents' answers on the runs waiting for them.
/// </summary>
public sealed class LocalHardwareAnswerTimer(IServiceScopeFactory scopes, StorageReadiness storage, TimeProvider time, ILogger<LocalHardwareAnswerTimer> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await storage.Ready.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using AsyncServiceScope scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<HardwareAnswerRelay>().RelayWaitingAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.AnswerRelayFailed(ex);
            }

            await Task.Delay(Interval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
