using SidFlow.Core.Jobs;
using SidFlow.Storage.Jobs;

namespace SidFlow.Functions.Hosting;

public static class JobEngineServices
{
    /// <summary>The job engine (ARCHITECTURE.md decision 2) on the storage adapters, bound to the <c>jobs</c> configuration section.</summary>
    public static IServiceCollection AddJobEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobOptions>().Bind(configuration.GetSection("jobs"));
        services.AddSingleton<IJobStore, TableJobStore>();
        services.AddSingleton<IJobItemLedger, TableJobItemLedger>();
        services.AddSingleton<IWorkQueue, QueueWorkQueue>();
        services.AddSingleton<IJobLog, BlobJobLog>();
        services.AddSingleton<IJobTempStore, BlobJobTempStore>();
        services.AddSingleton<ILeaseProvider, BlobLeaseProvider>();
        services.AddSingleton<JobLogWriter>();
        services.AddSingleton<JobSignals>();
        services.AddSingleton<EngineMetrics>();
        services.AddSingleton<JobTypeRegistry>();
        services.AddSingleton<JobService>();
        services.AddSingleton<JobDispatcher>();
        services.AddSingleton<DispatcherLoop>();
        services.AddSingleton<WorkMessageProcessor>();
        services.AddSingleton<QueueWorker>();
        services.AddSingleton<JobScheduler>();
        services.AddSingleton<JobEngineRunner>();
        services.AddSingleton<JobType, NoopJobType>();
        services.AddSingleton<SidFlow.Functions.Jobs.JobLogStream>();
        services.AddSingleton<SidFlow.Functions.Api.IMetricsSection, SidFlow.Functions.Api.JobMetricsSection>();
        return services;
    }
}
