using Microsoft.Extensions.Hosting;
using SidFlow.Api.Composition;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SidFlow.Core.Render;
using SidFlow.EdgeAgent.Device;

namespace SidFlow.EdgeAgent.Hosting;

/// <summary>
/// Every <c>heartbeatSeconds</c>, asks the device who it is and tells storage: <c>/api/health</c> reads these to
/// report <c>ultimate64</c> (connected, last seen, device info).
/// </summary>
public sealed class HeartbeatWorker(
    Ultimate64Device device,
    IEdgeAgentRegistry registry,
    AgentActivity activity,
    StorageReadiness storage,
    IOptions<RenderOptions> options,
    TimeProvider time,
    ILogger<HeartbeatWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await storage.Ready.WaitAsync(stoppingToken);
        int seconds = Math.Max(1, options.Value.Ultimate64.HeartbeatSeconds);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), time);
        do
        {
            try
            {
                await BeatAsync(seconds, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.HeartbeatFailed(ex);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private async Task BeatAsync(int seconds, CancellationToken cancellationToken)
    {
        Ultimate64DeviceInfo? info = null;
        string? error = null;
        try
        {
            info = await device.GetInfoAsync(cancellationToken);
        }
        catch (Ultimate64Exception ex)
        {
            error = ex.Message;
        }

        await registry.WriteAsync(
            new EdgeAgentHeartbeat(activity.Name, time.GetUtcNow(), seconds, info is not null, device.Address.Authority, info?.Fields, error, activity.Done, activity.Failed),
            cancellationToken);
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
