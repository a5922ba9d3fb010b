using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SidFlow.Core.Jobs;

/// <summary>
/// Runs the dispatcher on the one instance that holds the dispatcher lease; the others wait to take
/// over. A lease that cannot be renewed before it would expire ends this instance's leadership.
/// </summary>
public sealed class DispatcherLoop(ILeaseProvider leases, JobDispatcher dispatcher, JobSignals signals, TimeProvider time, IOptions<JobOptions> options, ILogger<DispatcherLoop> logger)
{
    public const string LeaseName = "dispatcher";

    public bool IsLeader { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        JobOptions o = options.Value;
        while (!cancellationToken.IsCancellationRequested)
        {
            ILease? lease = null;
            try
            {
                lease = await leases.TryAcquireAsync(LeaseName, o.LeaseDuration, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Dispatcher lease not reachable: {Message}", ex.Message);
            }

            if (lease is null)
            {
                await WaitAsync(o.LeaseDuration / 3, cancellationToken);
                continue;
            }

            await using (lease)
            {
                await LeadAsync(lease, o, cancellationToken);
            }
        }
    }

    private async Task LeadAsync(ILease lease, JobOptions o, CancellationToken cancellationToken)
    {
        using var leadership = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task renewal = RenewAsync(lease, o, leadership);
        IsLeader = true;
        logger.LogInformation("This instance now dispatches jobs");
        try
        {
            TimeSpan errorDelay = TimeSpan.FromMilliseconds(250);
            while (!leadership.IsCancellationRequested)
            {
                bool active;
                try
                {
                    active = await dispatcher.TickAsync(leadership.Token);
                    errorDelay = TimeSpan.FromMilliseconds(250);
                }
                catch (Exception ex) when (!leadership.IsCancellationRequested)
                {
                    logger.LogWarning("Dispatch tick failed: {Message}", ex.Message);
                    await WaitAsync(errorDelay, leadership.Token);
                    errorDelay = TimeSpan.FromTicks(Math.Min(errorDelay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
                    continue;
                }

                await WaitForSignalAsync(active ? o.DispatchInterval : o.IdleDispatchInterval, leadership.Token);
            }
        }
        finally
        {
            IsLeader = false;
            await leadership.CancelAsync();
            await renewal;
            await dispatcher.StopBackgroundWorkAsync();
            logger.LogInformation("This instance no longer dispatches jobs");
        }
    }

    private async Task RenewAsync(ILease lease, JobOptions o, CancellationTokenSource leadership)
    {
        DateTimeOffset lastRenewed = time.GetUtcNow();
        while (!leadership.IsCancellationRequested)
        {
            await WaitAsync(o.LeaseDuration / 3, leadership.Token);
            if (leadership.IsCancellationRequested)
            {
                return;
            }

            bool renewed;
            try
            {
                renewed = await lease.RenewAsync(leadership.Token);
            }
            catch (Exception ex) when (!leadership.IsCancellationRequested)
            {
                logger.LogWarning("Dispatcher lease not renewed: {Message}", ex.Message);
                renewed = false;
                // A failed request is not a lost lease: give up only when it may have expired.
                if (time.GetUtcNow() - lastRenewed < o.LeaseDuration - o.LeaseDuration / 3)
                {
                    continue;
                }
            }

            if (!renewed)
            {
                logger.LogWarning("Dispatcher lease lost");
                await leadership.CancelAsync();
                return;
            }

            lastRenewed = time.GetUtcNow();
        }
    }

    private async Task WaitForSignalAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await signals.WaitForDispatchAsync(timeout, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
