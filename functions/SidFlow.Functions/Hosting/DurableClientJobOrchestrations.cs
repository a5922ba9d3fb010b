using SidFlow.Pipeline.Jobs;
using DurableStatus = Microsoft.DurableTask.Client.OrchestrationRuntimeStatus;
using RuntimeStatus = SidFlow.Pipeline.Jobs.OrchestrationRuntimeStatus;

namespace SidFlow.Functions.Hosting;

/// <summary><see cref="IJobOrchestrations"/> over the Functions host's <see cref="DurableTaskClient"/> (Azure).</summary>
public sealed class DurableClientJobOrchestrations(DurableClientScope scope) : IJobOrchestrations
{
    public async Task StartAsync(string orchestration, string instanceId, object input, CancellationToken cancellationToken)
    {
        if (await scope.Client.GetInstanceAsync(instanceId, cancellationToken) is not null)
        {
            return;
        }

        await scope.Client.ScheduleNewOrchestrationInstanceAsync(new TaskName(orchestration), input, new StartOrchestrationOptions(instanceId), cancellationToken);
    }

    public Task SuspendAsync(string instanceId, string reason, CancellationToken cancellationToken) =>
        scope.Client.SuspendInstanceAsync(instanceId, reason, cancellationToken);

    public Task ResumeAsync(string instanceId, string reason, CancellationToken cancellationToken) =>
        scope.Client.ResumeInstanceAsync(instanceId, reason, cancellationToken);

    public Task RaiseEventAsync(string instanceId, string eventName, object? payload, CancellationToken cancellationToken) =>
        scope.Client.RaiseEventAsync(instanceId, eventName, payload, cancellationToken);

    public Task TerminateAsync(string instanceId, string reason, CancellationToken cancellationToken) =>
        scope.Client.TerminateInstanceAsync(instanceId, reason, cancellationToken);

    public async Task<OrchestrationSnapshot?> GetAsync(string instanceId, CancellationToken cancellationToken)
    {
        OrchestrationMetadata? metadata = await scope.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        return metadata is null ? null : new OrchestrationSnapshot(instanceId, Map(metadata.RuntimeStatus), metadata.SerializedCustomStatus, metadata.SerializedOutput);
    }

    private static RuntimeStatus Map(DurableStatus status) => status switch
    {
        DurableStatus.Running => RuntimeStatus.Running,
        DurableStatus.Completed => RuntimeStatus.Completed,
        DurableStatus.Failed => RuntimeStatus.Failed,
        DurableStatus.Terminated => RuntimeStatus.Terminated,
        DurableStatus.Suspended => RuntimeStatus.Suspended,
        _ => RuntimeStatus.Pending,
    };
}
