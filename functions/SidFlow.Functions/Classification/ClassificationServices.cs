using SidFlow.Core.Classification;
using SidFlow.Core.Jobs;
using SidFlow.Functions.Hosting;
using SidFlow.Storage.Classification;

namespace SidFlow.Functions.Classification;

public static class ClassificationServices
{
    /// <summary>Classification, ratings and similarity; the <c>classify</c> section plus the top-level <c>threads</c> and <c>classificationDepth</c>.</summary>
    public static IServiceCollection AddClassification(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClassifyOptions>().Bind(configuration.GetSection("classify")).Configure(o =>
        {
            o.Threads = configuration.GetValue("threads", o.Threads);
            o.ClassificationDepth = configuration.GetValue("classificationDepth", o.ClassificationDepth);
        });
        services.AddSingleton<IClassificationStore, TableClassificationStore>();
        services.AddSingleton<IFeatureStatsStore, BlobFeatureStatsStore>();
        services.AddSingleton<IRatingModelSource, PublishedModelSource>();
        services.AddSingleton<IExplicitRatingSource, NoExplicitRatings>();
        services.AddSingleton<SongRater>();
        services.AddSingleton<SongClassifier>();
        services.AddSingleton<ClassifyMetrics>();
        services.AddSingleton<SimilarityIndexProvider>();
        services.AddSingleton<ISimilarityIndexSource>(sp => sp.GetRequiredService<SimilarityIndexProvider>());
        services.AddSingleton<JobType, ClassifyJobType>();
        return services;
    }
}

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
                logger.LogWarning("Similarity index not refreshed: {Message}", ex.Message);
            }

            await Task.Delay(Refresh, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
