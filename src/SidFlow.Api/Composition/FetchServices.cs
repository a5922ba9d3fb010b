using System.Net;
using Microsoft.Extensions.Options;
using SidFlow.Core.Catalog;
using SidFlow.Core.Fetch;
using SidFlow.Core.Jobs;
using SidFlow.Api.Metrics;
using SidFlow.Storage.Fetch;

namespace SidFlow.Api.Composition;

public static class FetchServices
{
    /// <summary>The <c>fetch</c> job type and what it needs, bound to the <c>hvsc</c> configuration section.</summary>
    public static IServiceCollection AddFetch(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FetchOptions>().Bind(configuration.GetSection("hvsc"));
        services.AddSingleton<IHvscStateStore, BlobHvscStateStore>();
        services.AddSingleton<FetchPlanner>();
        services.AddSingleton<CatalogReconciler>();
        services.AddSingleton<IHvscSourceFactory>(sp => new HvscSourceFactory(
            // Timeouts are per read and per download (FetchOptions), so the client itself has none.
            new HttpClient(new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectTimeout = TimeSpan.FromSeconds(15),
                AutomaticDecompression = DecompressionMethods.None,
            }) { Timeout = Timeout.InfiniteTimeSpan },
            sp.GetRequiredService<IOptions<FetchOptions>>(),
            sp.GetRequiredService<ILogger<HttpMirrorSource>>()));
        services.AddSingleton<JobType, FetchJobType>();
        services.AddSingleton<IMetricsSection, SyncMetricsSection>();
        return services;
    }
}
