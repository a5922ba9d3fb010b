using SidFlow.Core.Catalog;
using SidFlow.Core.Collection;
using SidFlow.Core.Operations;
using SidFlow.Functions.Triggers;
using SidFlow.Storage;

namespace SidFlow.Functions.Hosting;

public static class SidFlowServices
{
    /// <summary>Everything the API, the triggers and the CLI verbs share: storage adapters and the domain services.</summary>
    public static IServiceCollection AddSidFlow(this IServiceCollection services, IConfiguration configuration, StorageOptions storage, AdminToken adminToken)
    {
        services.AddSingleton(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(adminToken);
        services.AddSingleton(new StorageClients(storage));
        services.AddSingleton<ICollectionStore, BlobCollectionStore>();
        services.AddSingleton<ICatalogStore, TableCatalogStore>();
        services.AddSingleton<CollectionImporter>();

        services.AddSingleton<IComponentCheck, StorageHealthCheck>();
        services.AddSingleton<IComponentCheck>(new ExecutableCheck("sidplayfp", configuration["render:sidplayPath"] is { Length: > 0 } s ? s : "sidplayfp", ["--help"], "sidplayfp"));
        services.AddSingleton<IComponentCheck>(new ExecutableCheck("ffmpeg", configuration["render:ffmpegPath"] is { Length: > 0 } f ? f : "ffmpeg", ["-hide_banner", "-version"], "ffmpeg version"));

        services.AddJobEngine(configuration);
        SidFlow.Functions.Fetch.FetchServices.AddFetch(services, configuration);
        SidFlow.Functions.Render.RenderServices.AddRender(services, configuration);
        SidFlow.Functions.Classification.ClassificationServices.AddClassification(services, configuration);

        services.AddSingleton<IFunctionTrigger, HealthProbeTrigger>();
        foreach (int priority in SidFlow.Core.Jobs.JobPriority.Levels)
        {
            services.AddSingleton<IFunctionTrigger>(sp => ActivatorUtilities.CreateInstance<WorkQueueTrigger>(sp, priority));
        }

        services.AddSingleton<IFunctionTrigger, JobDispatchTrigger>();
        services.AddSingleton<IFunctionTrigger, JobScheduleTrigger>();
        return services;
    }
}
