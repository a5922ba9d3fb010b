using SidFlow.Core.Jobs;
using SidFlow.Core.Operations;
using SidFlow.Core.Render;
using SidFlow.Api.Metrics;
using SidFlow.Storage.Render;

namespace SidFlow.Api.Composition;

public static class RenderServices
{
    /// <summary>Rendering: engines, encoder, availability manifest, the <c>render</c> job; bound to the <c>render</c> section.</summary>
    public static IServiceCollection AddRender(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RenderOptions>().Bind(configuration.GetSection("render"));
        services.AddSingleton<IRenderEngine, SidplayfpEngine>();
        services.AddSingleton<IRenderEngine, EmuRenderEngine>();
        services.AddSingleton<RenderEngineSelector>();
        services.AddSingleton<AudioEncoder>();
        services.AddSingleton<IAvailabilityStore, TableAvailabilityStore>();
        services.AddSingleton<IRenderAssetStore, BlobRenderAssetStore>();
        services.AddSingleton<IHardwareRenderQueue, QueueHardwareRenderQueue>();
        services.AddSingleton<IEdgeAgentRegistry, BlobEdgeAgentRegistry>();
        services.AddSingleton<IComponentCheck, Ultimate64HealthCheck>();
        services.AddSingleton<SongRenderService>();
        services.AddSingleton<RenderCache>();
        services.AddSingleton<PopularSongs>();
        services.AddSingleton<RenderJobType>();
        services.AddSingleton<JobType>(sp => sp.GetRequiredService<RenderJobType>());
        services.AddSingleton<IMetricsSection, CacheMetricsSection>();
        return services;
    }
}
