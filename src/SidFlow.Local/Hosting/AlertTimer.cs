using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SidFlow.Api.Composition;
using SidFlow.Core.Alerts;

namespace SidFlow.Local.Hosting;

/// <summary>The local host's alert evaluation every <c>alerts.interval</c>, in place of the Functions app's timer trigger.</summary>
public sealed class AlertTimer(AlertMonitor alerts, StorageReadiness storage, IOptions<AlertOptions> options, TimeProvider time, ILogger<AlertTimer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await storage.Ready.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await alerts.EvaluateAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.AlertEvaluationFailed(ex);
            }

            await Task.Delay(options.Value.Interval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
