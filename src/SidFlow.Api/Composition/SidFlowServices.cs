using SidFlow.Api.Jobs;
using SidFlow.Api.Metrics;
using SidFlow.Api.Security;
using SidFlow.Core.Alerts;
using SidFlow.Core.Backup;
using SidFlow.Core.Catalog;
using SidFlow.Core.Collection;
using SidFlow.Core.Jobs;
using SidFlow.Core.Operations;
using SidFlow.Pipeline;
using SidFlow.Storage;
using SidFlow.Storage.Jobs;
using SidFlow.Storage.Operations;

namespace SidFlow.Api.Composition;

public static class SidFlowServices
{
    /// <summary>
    /// Everything both hosts share: storage adapters, the domain services, the job pipeline's services and the
    /// API's. The host adds its Durable client (<c>IJobOrchestrations</c>) and what runs the orchestrations.
    /// </summary>
    public static IServiceCollection AddSidFlow(this IServiceCollection services, IConfiguration configuration, StorageOptions storage, AdminToken adminToken)
    {
        services.AddSingleton(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(adminToken);
        services.AddOptions<SecurityOptions>().Bind(configuration.GetSection(SecurityOptions.Section));
        services.AddSingleton<ClientRateLimits>();
        services.AddSingleton<ServiceMetrics>();
        services.AddOptions<BackupOptions>().Bind(configuration.GetSection(BackupOptions.Section));
        services.AddSingleton<IBackupStorage, StorageBackup>();
        services.AddSingleton<IBackupArchiveStore, BlobBackupArchiveStore>();
        services.AddSingleton<BackupService>();
        services.AddOptions<AlertOptions>().Bind(configuration.GetSection(AlertOptions.Section));
        services.AddHttpClient<WebhookAlertChannel>(c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<IAlertChannel>(sp => sp.GetRequiredService<WebhookAlertChannel>());
        services.AddSingleton<IAlertChannel, EmailAlertChannel>();
        services.AddSingleton<AlertMonitor>();
        services.AddSingleton(storage);
        services.AddSingleton(new StorageClients(storage));
        services.AddSingleton<ICollectionStore, BlobCollectionStore>();
        services.AddSingleton<ICatalogStore, TableCatalogStore>();
        services.AddSingleton<CollectionImporter>();

        services.AddSingleton<IComponentCheck, StorageHealthCheck>();
        services.AddSingleton<IComponentCheck>(new ExecutableCheck("sidplayfp", configuration["render:sidplayPath"] is { Length: > 0 } s ? s : "sidplayfp", ["--help"], "sidplayfp"));
        services.AddSingleton<IComponentCheck>(new ExecutableCheck("ffmpeg", configuration["render:ffmpegPath"] is { Length: > 0 } f ? f : "ffmpeg", ["-hide_banner", "-version"], "ffmpeg version"));

        services.AddJobs(configuration);
        services.AddFetch(configuration);
        services.AddRender(configuration);
        services.AddClassification(configuration);
        services.AddModels();

        services.AddSingleton<StorageReadiness>();
        services.AddHostedService(sp => sp.GetRequiredService<StorageReadiness>());
        return services;
    }

    /// <summary>The <c>jobs</c> section, the job stores and the pipeline.</summary>
    private static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobOptions>().Bind(configuration.GetSection("jobs"));
        services.AddSingleton<IJobStore, TableJobStore>();
        services.AddSingleton<IJobLog, BlobJobLog>();
        services.AddSingleton<IJobTempStore, BlobJobTempStore>();
        services.AddSingleton<ILeaseProvider, BlobLeaseProvider>();
        services.AddSingleton<JobLogWriter>();
        services.AddJobPipeline();
        services.AddSingleton<IMetricsSection, JobMetricsSection>();
        return services;
    }
}
