using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SidFlow.Api.Composition;
using SidFlow.Core.Collection;
using SidFlow.Core.Render;
using SidFlow.EdgeAgent.Device;
using SidFlow.EdgeAgent.Hosting;
using SidFlow.EdgeAgent.Rendering;
using SidFlow.Storage;
using SidFlow.Storage.Render;

namespace SidFlow.EdgeAgent;

/// <summary>Everything the agent runs, for its own host (systemd) and for <c>./sidflow edge-agent</c>.</summary>
public static class EdgeAgentServices
{
    public static IServiceCollection AddEdgeAgent(this IServiceCollection services, IConfiguration configuration, StorageOptions storage)
    {
        services.AddOptions<RenderOptions>().Bind(configuration.GetSection("render"));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new StorageClients(storage));
        // First, so the layout exists before the workers use it (the same readiness the app waits for).
        services.AddSingleton<StorageReadiness>();
        services.AddHostedService(sp => sp.GetRequiredService<StorageReadiness>());
        services.AddSingleton<ICollectionStore, BlobCollectionStore>();
        services.AddSingleton<IAvailabilityStore, TableAvailabilityStore>();
        services.AddSingleton<IRenderAssetStore, BlobRenderAssetStore>();
        services.AddSingleton<IHardwareRenderInbox, QueueHardwareRenderInbox>();
        services.AddSingleton<IEdgeAgentRegistry, BlobEdgeAgentRegistry>();
        services.AddSingleton<AudioEncoder>();
        services.AddHttpClient<Ultimate64Device>();
        services.AddSingleton<Ultimate64Renderer>();
        services.AddSingleton<AgentActivity>();
        services.AddHostedService<HardwareRenderWorker>();
        services.AddHostedService<HeartbeatWorker>();
        return services;
    }
}
