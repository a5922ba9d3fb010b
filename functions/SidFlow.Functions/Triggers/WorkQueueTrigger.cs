using SidFlow.Core.Jobs;

namespace SidFlow.Functions.Triggers;

/// <summary>
/// Queue function <c>WorkP{priority}</c> on <c>work-p{priority}</c>: the host's delivery of a work message.
/// A non-2xx answer makes the host retry (and poison after maxDequeueCount), exactly as the standalone worker does.
/// </summary>
public sealed class WorkQueueTrigger(int priority, WorkMessageProcessor processor) : IFunctionTrigger
{
    public string Name => $"WorkP{priority}";

    public async Task<FunctionOutcome> InvokeAsync(FunctionInvocation invocation, CancellationToken cancellationToken)
    {
        MessageOutcome outcome = await processor.ProcessAsync(invocation.BindingText("msg"), invocation.DequeueCount, cancellationToken);
        string log = $"{outcome.Disposition}: {outcome.Reason}";
        return outcome.Disposition == MessageDisposition.Complete ? FunctionOutcome.Ok(log) : FunctionOutcome.Failed(log);
    }
}
