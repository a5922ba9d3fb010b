namespace SidFlow.Core.Operations;

/// <summary>The guide's health shape: overall status, a timestamp in ms since the epoch, and per-component checks.</summary>
public sealed record HealthReport(HealthStatus Overall, long Timestamp, IReadOnlyDictionary<string, ComponentHealth> Checks)
{
    public static async Task<HealthReport> CollectAsync(IEnumerable<IComponentCheck> checks, TimeProvider time, TimeSpan perCheckTimeout, CancellationToken cancellationToken)
    {
        IComponentCheck[] all = checks.ToArray();
        ComponentHealth[] results = await Task.WhenAll(all.Select(c => RunAsync(c, perCheckTimeout, cancellationToken)));
        var map = new Dictionary<string, ComponentHealth>(StringComparer.Ordinal);
        for (int i = 0; i < all.Length; i++)
        {
            map[all[i].Name] = results[i];
        }

        HealthStatus overall = results.Length == 0 ? HealthStatus.Healthy : results.Max(r => r.Status);
        return new HealthReport(overall, time.GetUtcNow().ToUnixTimeMilliseconds(), map);
    }

    private static async Task<ComponentHealth> RunAsync(IComponentCheck check, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await check.CheckAsync(deadline.Token).WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ComponentHealth(HealthStatus.Unhealthy, $"no answer within {timeout.TotalSeconds:0} s");
        }
        catch (Exception ex)
        {
            return new ComponentHealth(HealthStatus.Unhealthy, ex.Message);
        }
    }
}
