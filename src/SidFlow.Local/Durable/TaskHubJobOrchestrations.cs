using DurableTask.Core;
using DurableTask.Core.Exceptions;
using SidFlow.Pipeline.Jobs;

namespace SidFlow.Local.Durable;

/// <summary><see cref="IJobOrchestrations"/> over the Durable Task Framework's <see cref="TaskHubClient"/> (the local host).</summary>
public sealed class TaskHubJobOrchestrations(LocalTaskHub hub) : IJobOrchestrations
{
    /// <summary>Every status: an instance id that exists in any state is never started again.</summary>
    private static readonly OrchestrationStatus[] AnyStatus = Enum.GetValues<OrchestrationStatus>();

    public async Task StartAsync(string orchestration, string instanceId, object input, CancellationToken cancellationToken)
    {
        try
        {
            await hub.Client.CreateOrchestrationInstanceAsync(orchestration, string.Empty, instanceId, input, null, AnyStatus).WaitAsync(cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // Started before (admission after a crash): nothing to do.
        }
    }

    public Task SuspendAsync(string instanceId, string reason, CancellationToken cancellationToken) =>
        hub.Client.SuspendInstanceAsync(Instance(instanceId), reason).WaitAsync(cancellationToken);

    public Task ResumeAsync(string instanceId, string reason, CancellationToken cancellationToken) =>
        hub.Client.ResumeInstanceAsync(Instance(instanceId), reason).WaitAsync(cancellationToken);

    public Task RaiseEventAsync(string instanceId, string eventName, object? payload, CancellationToken cancellationToken) =>
        hub.Client.RaiseEventAsync(Instance(instanceId), eventName, payload!).WaitAsync(cancellationToken);

    public Task TerminateAsync(string instanceId, string reason, CancellationToken cancellationToken) =>
        hub.Client.TerminateInstanceAsync(Instance(instanceId), reason).WaitAsync(cancellationToken);

    public async Task<OrchestrationSnapshot?> GetAsync(string instanceId, CancellationToken cancellationToken)
    {
        OrchestrationState? state = await hub.Client.GetOrchestrationStateAsync(instanceId).WaitAsync(cancellationToken);
        return state is null ? null : new OrchestrationSnapshot(instanceId, Map(state.OrchestrationStatus), state.Status, state.Output);
    }

    private static OrchestrationInstance Instance(string instanceId) => new() { InstanceId = instanceId };

    private static OrchestrationRuntimeStatus Map(OrchestrationStatus status) => status switch
    {
        OrchestrationStatus.Running => OrchestrationRuntimeStatus.Running,
        OrchestrationStatus.Completed => OrchestrationRuntimeStatus.Completed,
        OrchestrationStatus.ContinuedAsNew => OrchestrationRuntimeStatus.ContinuedAsNew,
        OrchestrationStatus.Failed => OrchestrationRuntimeStatus.Failed,
        OrchestrationStatus.Canceled => OrchestrationRuntimeStatus.Canceled,
        OrchestrationStatus.Terminated => OrchestrationRuntimeStatus.Terminated,
        OrchestrationStatus.Suspended => OrchestrationRuntimeStatus.Suspended,
        _ => OrchestrationRuntimeStatus.Pending,
    };
}
