using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace SidFlow.Local.Durable;

/// <summary>
/// A local activity: runs one call of a SidFlow service in its own DI scope, as the Functions host does per
/// invocation. The token ends with the worker, so a stopping process interrupts its items.
/// </summary>
internal sealed class ServiceActivity<TInput, TOutput>(
    IServiceScopeFactory scopes,
    Func<IServiceProvider, TInput, CancellationToken, Task<TOutput>> run,
    CancellationToken stopping) : TaskActivity<TInput, TOutput>
{
    public override async Task<TOutput> RunAsync(TaskActivityContext context, TInput input)
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        return await run(scope.ServiceProvider, input, stopping);
    }
}
