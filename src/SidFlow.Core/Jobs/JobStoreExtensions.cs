namespace SidFlow.Core.Jobs;

public static class JobStoreExtensions
{
    /// <summary>
    /// Read, change, write with the read's ETag, and again on a conflict: the job row is the single
    /// place of truth for status, so no change silently overwrites another.
    /// </summary>
    public static async Task<JobRecord> UpdateAsync(this IJobStore store, string id, Func<JobRecord, JobRecord> change, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            JobRecord current = await store.GetAsync(id, cancellationToken) ?? throw new JobNotFoundException(id);
            JobRecord changed = change(current);
            if (ReferenceEquals(changed, current))
            {
                return current;
            }

            try
            {
                return await store.ReplaceAsync(changed, cancellationToken);
            }
            catch (JobConcurrencyException) when (attempt < 20)
            {
                await Task.Delay(Random.Shared.Next(5, 20 * attempt), cancellationToken);
            }
        }
    }
}
