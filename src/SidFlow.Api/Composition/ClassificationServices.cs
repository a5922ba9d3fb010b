using SidFlow.Core.Classification;
using SidFlow.Core.Jobs;
using SidFlow.Storage.Classification;

namespace SidFlow.Api.Composition;

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
        services.AddSingleton<IRatingModelSource>(sp => sp.GetRequiredService<SidFlow.Core.Models.PublishedModelSource>());
        services.AddSingleton<IExplicitRatingSource, SidFlow.Core.Feedback.FeedbackExplicitRatings>();
        services.AddSingleton<SongRater>();
        services.AddSingleton<SongClassifier>();
        services.AddSingleton<ClassifyMetrics>();
        services.AddSingleton<SimilarityIndexProvider>();
        services.AddSingleton<ISimilarityIndexSource>(sp => sp.GetRequiredService<SimilarityIndexProvider>());
        services.AddSingleton<JobType, ClassifyJobType>();
        services.AddHostedService<SimilarityIndexService>();
        return services;
    }
}
