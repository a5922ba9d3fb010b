using Microsoft.Extensions.DependencyInjection;
using SidFlow.Core.Jobs;
using SidFlow.Pipeline.Activities;
using SidFlow.Pipeline.Jobs;

namespace SidFlow.Pipeline;

public static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// The services behind the orchestrations' activities and the job controls. The host adds its
    /// <see cref="IJobOrchestrations"/> and runs the orchestrations; what needs the orchestration client is
    /// scoped, because the Functions host hands one out per invocation.
    /// </summary>
    public static IServiceCollection AddJobPipeline(this IServiceCollection services)
    {
        services.AddSingleton<JobItemStore>();
        services.AddSingleton<JobItemRunner>();
        services.AddSingleton<JobItemMetrics>();
        services.AddSingleton<JobRunStarter>();
        services.AddSingleton<PipelineStages>();
        services.AddScoped<JobRunRecorder>();
        services.AddScoped<JobAdmission>();
        services.AddScoped<JobService>();
        services.AddScoped<JobScheduler>();
        services.AddScoped<HardwareAnswerRelay>();
        services.AddSingleton<JobTypeRegistry>();
        services.AddSingleton<JobType, NoopJobType>();
        return services;
    }
}
