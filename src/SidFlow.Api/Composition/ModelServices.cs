using SidFlow.Core.Feedback;
using SidFlow.Core.Telemetry;
using SidFlow.Storage.Telemetry;
using SidFlow.Core.Jobs;
using SidFlow.Core.Models;
using SidFlow.Core.Operations;
using SidFlow.Storage.Feedback;
using SidFlow.Storage.Models;
using SidFlow.Storage.Operations;

namespace SidFlow.Api.Composition;

public static class ModelServices
{
    /// <summary>Feedback, the rating models' training and lifecycle, their monitoring, and the audit trail.</summary>
    public static IServiceCollection AddModels(this IServiceCollection services)
    {
        services.AddSingleton<IAuditLog, BlobAuditLog>();
        services.AddSingleton<IFeedbackStore, BlobFeedbackStore>();
        services.AddSingleton<IListenerSaltSource, ListenerSaltSource>();
        services.AddSingleton<ListenerHasher>();
        services.AddSingleton<FeedbackService>();
        services.AddSingleton<ITelemetryStore, BlobTelemetryStore>();
        services.AddSingleton<TelemetryService>();
        services.AddSingleton<IModelStore, BlobModelStore>();
        services.AddSingleton<ModelMonitor>();
        services.AddSingleton<PublishedModelSource>();
        services.AddSingleton<ModelBaseline>();
        services.AddSingleton<ModelTrainer>();
        services.AddSingleton<ModelRegistry>();
        services.AddSingleton<ModelHealth>();
        services.AddSingleton<IComponentCheck, ModelHealthCheck>();
        services.AddSingleton<JobType, TrainJobType>();
        return services;
    }
}
