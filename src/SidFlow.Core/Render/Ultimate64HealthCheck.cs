using Microsoft.Extensions.Options;
using SidFlow.Core.Operations;

namespace SidFlow.Core.Render;

/// <summary>
/// The health report's <c>ultimate64</c> entry, from the edge agents' heartbeats: healthy while an agent was
/// seen within three heartbeats and reaches its device; degraded when every agent is gone or disconnected, or
/// when a device is configured (<c>render.ultimate64.host</c>) and no agent ever reported. A deployment
/// without hardware (no host, no agent) is healthy and says so.
/// </summary>
public sealed class Ultimate64HealthCheck(IEdgeAgentRegistry registry, IOptions<RenderOptions> options, TimeProvider time) : IComponentCheck
{
    public string Name => "ultimate64";

    public async Task<ComponentHealth> CheckAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<EdgeAgentHeartbeat> agents = await registry.ListAsync(cancellationToken);
        if (agents.Count == 0)
        {
            bool configured = !string.IsNullOrWhiteSpace(options.Value.Ultimate64.Host);
            return new ComponentHealth(
                configured ? HealthStatus.Degraded : HealthStatus.Healthy,
                configured ? "no edge agent has reported yet (./sidflow edge-agent, or the systemd service)" : "no Ultimate 64 configured",
                new Dictionary<string, object?> { ["connected"] = false, ["agents"] = 0 });
        }

        DateTimeOffset now = time.GetUtcNow();
        EdgeAgentHeartbeat latest = agents.MaxBy(a => a.SeenAt)!;
        EdgeAgentHeartbeat[] live = agents.Where(a => now - a.SeenAt <= TimeSpan.FromSeconds(3 * Math.Max(1, a.IntervalSeconds))).ToArray();
        EdgeAgentHeartbeat? connected = live.Where(a => a.Connected).MaxBy(a => a.SeenAt);
        EdgeAgentHeartbeat shown = connected ?? latest;
        var details = new Dictionary<string, object?>
        {
            ["connected"] = connected is not null,
            ["agent"] = shown.Agent,
            ["lastSeen"] = shown.SeenAt,
            ["device"] = shown.DeviceAddress,
            ["deviceInfo"] = shown.DeviceInfo,
            ["agents"] = agents.Count,
            ["rendersDone"] = agents.Sum(a => a.RendersDone),
            ["rendersFailed"] = agents.Sum(a => a.RendersFailed),
        };
        if (connected is not null)
        {
            return new ComponentHealth(HealthStatus.Healthy, null, details);
        }

        string why = live.Length == 0
            ? $"no edge agent seen since {latest.SeenAt:u} ({latest.Agent})"
            : $"agent {latest.Agent} cannot reach the Ultimate 64 at {latest.DeviceAddress}: {latest.Error}";
        return new ComponentHealth(HealthStatus.Degraded, why, details);
    }
}
