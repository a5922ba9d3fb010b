using SidFlow.Core.Classification;

namespace SidFlow.Api.Composition;

/// <summary>Builds the similarity index once storage is ready, then rebuilds it when another instance published new statistics.</summary>
public sealed class SimilarityIndexService(SimilarityIndexProvider provider, StorageReadiness storage, ILogger<SimilarityIndexService> logger) : BackgroundService
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await storage.Ready.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await provider.RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.SimilarityIndexNotRefreshed(ex);
            }

            await Task.Delay(Refresh, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
