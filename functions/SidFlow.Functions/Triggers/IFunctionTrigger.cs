namespace SidFlow.Functions.Triggers;

/// <summary>
/// A non-HTTP Azure Function (queue or timer trigger). The host calls it through
/// <c>POST /{Name}</c>; the standalone app calls the same handler from its own listeners and timers.
/// </summary>
public interface IFunctionTrigger
{
    string Name { get; }

    Task<FunctionOutcome> InvokeAsync(FunctionInvocation invocation, CancellationToken cancellationToken);
}
