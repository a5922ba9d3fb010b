namespace SidFlow.Testing;

/// <summary>Waits for a condition with a bound: polls, and fails with a description when the bound passes.</summary>
public static class Eventually
{
    public static async Task<T> HoldsAsync<T>(Func<Task<T>> read, Func<T, bool> condition, TimeSpan timeout, string what)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        T last = await read();
        while (!condition(last))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} did not happen within {timeout}; last seen: {last}");
            }

            await Task.Delay(100);
            last = await read();
        }

        return last;
    }

    public static Task HoldsAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        HoldsAsync(() => Task.FromResult(condition()), ok => ok, timeout, what);
}
