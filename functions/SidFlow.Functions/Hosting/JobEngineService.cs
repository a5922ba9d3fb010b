namespace SidFlow.Functions.Hosting;

/// <summary>Starts the engine once storage is ready, and stops it with the app.</summary>
public sealed class JobEngineService(JobEngineRunner runner, StorageReadiness storage, WebAppSettings settings) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await storage.Ready.WaitAsync(stoppingToken);
        await runner.RunAsync(settings.StandaloneTriggers, stoppingToken);
    }
}
