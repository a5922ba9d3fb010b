namespace SidFlow.Functions.Hosting;

/// <summary>
/// The Durable client of one invocation. The Functions host hands a <see cref="DurableTaskClient"/> to a
/// function through its <c>[DurableClient]</c> binding only; the function puts it here, and SidFlow's services
/// resolved in the same invocation scope reach it through <c>IJobOrchestrations</c>.
/// </summary>
public sealed class DurableClientScope(IServiceProvider services)
{
    private DurableTaskClient? _client;

    public DurableTaskClient Client => _client
        ?? throw new InvalidOperationException("this function has no [DurableClient] binding: job controls need one");

    public IServiceProvider Services => services;

    public void Use(DurableTaskClient client) => _client = client;

    /// <summary>Uses the client, then runs a shared handler with this invocation's services.</summary>
    public async Task<IResult> RunAsync<TResult>(DurableTaskClient client, Func<IServiceProvider, Task<TResult>> handler) where TResult : IResult
    {
        Use(client);
        return await handler(services);
    }
}
