namespace SidFlow.Pipeline.Jobs;

/// <summary>
/// Starting, querying and controlling job orchestrations: the one seam between SidFlow and a Durable client.
/// Azure Functions implements it with <c>DurableTaskClient</c>, the local host with <c>TaskHubClient</c>; both
/// speak to the same task hub layout.
/// </summary>
public interface IJobOrchestrations
{
    /// <summary>Starts an instance; an instance with that id that exists already is left as it is.</summary>
    Task StartAsync(string orchestration, string instanceId, object input, CancellationToken cancellationToken);

    /// <summary>Suspends: in-flight activities finish, their results wait, nothing new is scheduled until resumed.</summary>
    Task SuspendAsync(string instanceId, string reason, CancellationToken cancellationToken);

    Task ResumeAsync(string instanceId, string reason, CancellationToken cancellationToken);

    Task RaiseEventAsync(string instanceId, string eventName, object? payload, CancellationToken cancellationToken);

    /// <summary>Ends an instance at once (the last resort: nothing it was doing is cleaned up).</summary>
    Task TerminateAsync(string instanceId, string reason, CancellationToken cancellationToken);

    /// <summary>The instance's state, or null when there is none.</summary>
    Task<OrchestrationSnapshot?> GetAsync(string instanceId, CancellationToken cancellationToken);
}

/// <summary>An instance as the client sees it: its runtime status and its custom status (JSON).</summary>
public sealed record OrchestrationSnapshot(string InstanceId, OrchestrationRuntimeStatus Status, string? CustomStatus, string? Output);

public enum OrchestrationRuntimeStatus
{
    Pending,
    Running,
    Suspended,
    Completed,
    Failed,
    Terminated,
    ContinuedAsNew,
    Canceled,
}
