namespace SidFlow.Core.Jobs;

/// <summary>In-process wake-ups: a submitted job or finished items let the dispatcher act at once instead of at its next tick.</summary>
public sealed class JobSignals
{
    private readonly SemaphoreSlim _dispatch = new(0, 1);
    private readonly SemaphoreSlim _work = new(0, 1);

    public void DispatchNeeded() => Release(_dispatch);

    public void WorkAvailable() => Release(_work);

    public Task<bool> WaitForDispatchAsync(TimeSpan timeout, CancellationToken cancellationToken) => _dispatch.WaitAsync(timeout, cancellationToken);

    public Task<bool> WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken) => _work.WaitAsync(timeout, cancellationToken);

    private static void Release(SemaphoreSlim signal)
    {
        try
        {
            signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }
}
