using SidFlow.Core.Jobs;

namespace SidFlow.Functions.Triggers;

/// <summary>Timer function: wakes the dispatcher (the host may have just started this instance for it).</summary>
public sealed class JobDispatchTrigger(JobSignals signals, DispatcherLoop dispatcher) : IFunctionTrigger
{
    public string Name => "JobDispatch";

    public Task<FunctionOutcome> InvokeAsync(FunctionInvocation invocation, CancellationToken cancellationToken)
    {
        signals.DispatchNeeded();
        return Task.FromResult(FunctionOutcome.Ok(dispatcher.IsLeader ? "dispatcher woken (this instance leads)" : "dispatcher woken (another instance leads)"));
    }
}
