using Microsoft.Extensions.Configuration;
using SidFlow.Api;
using SidFlow.Api.Composition;
using SidFlow.Api.Configuration;
using SidFlow.Api.Security;
using SidFlow.Pipeline.Jobs;
using SidFlow.Storage;

namespace SidFlow.Functions.Hosting;

public static class FunctionsServices
{
    /// <summary>
    /// SidFlow's services in the Functions worker: the same composition as the local host, configuration from
    /// <c>.sidflow.json</c> (if deployed) and <c>SIDFLOW__section__key</c> app settings, storage from
    /// <c>AzureWebJobsStorage</c>, and the Durable client of each invocation behind <see cref="IJobOrchestrations"/>.
    /// </summary>
    public static IServiceCollection AddSidFlowFunctions(this IServiceCollection services, IConfiguration hostConfiguration)
    {
        IConfigurationRoot configuration = SidFlowConfiguration.Load(SidFlowConfiguration.ConfigFileFromEnvironment());
        StorageOptions storage = StorageSetup.FromEnvironment(configuration)
            ?? throw new InvalidOperationException("storage is not configured: set AzureWebJobsStorage (a connection string, or __blobServiceUri/__queueServiceUri/__tableServiceUri with __clientId)");
        services.AddSidFlow(configuration, storage, AdminToken.FromEnvironment(AdminToken.EnvironmentToken));
        services.AddSidFlowHttp();
        services.AddSingleton<SidFlow.Api.Http.IAccessLog, SidFlow.Api.Http.LoggerAccessLog>();
        services.AddScoped<DurableClientScope>();
        services.AddScoped<IJobOrchestrations, DurableClientJobOrchestrations>();
        return services;
    }
}
