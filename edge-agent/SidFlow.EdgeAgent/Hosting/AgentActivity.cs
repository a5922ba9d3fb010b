using Microsoft.Extensions.Options;
using SidFlow.Core.Render;

namespace SidFlow.EdgeAgent.Hosting;

/// <summary>Who this agent is (its name in heartbeats and answers) and what it has done since it started.</summary>
public sealed class AgentActivity(IOptions<RenderOptions> options)
{
    private long _done;
    private long _failed;

    public string Name { get; } = options.Value.Ultimate64.AgentName is { Length: > 0 } n ? n : Environment.MachineName;

    public long Done => Interlocked.Read(ref _done);
    public long Failed => Interlocked.Read(ref _failed);

    public void Succeeded() => Interlocked.Increment(ref _done);
    public void FailedOne() => Interlocked.Increment(ref _failed);
}
