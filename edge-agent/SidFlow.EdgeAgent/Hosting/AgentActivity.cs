namespace SidFlow.EdgeAgent.Hosting;

/// <summary>What this agent has done since it started, for its heartbeat.</summary>
public sealed class AgentActivity
{
    private long _done;
    private long _failed;

    public long Done => Interlocked.Read(ref _done);
    public long Failed => Interlocked.Read(ref _failed);

    public void Succeeded() => Interlocked.Increment(ref _done);
    public void FailedOne() => Interlocked.Increment(ref _failed);
}
