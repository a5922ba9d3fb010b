namespace SidFlow.Core.Jobs;

/// <summary>The <c>jobs</c> table: one row per job; every write is conditional on the row's ETag.</summary>
public interface IJobStore
{
    /// <summary>Inserts a new job; throws <see cref="JobAlreadyExistsException"/> when the id is taken.</summary>
    Task<JobRecord> InsertAsync(JobRecord job, CancellationToken cancellationToken);

    Task<JobRecord?> GetAsync(string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<JobRecord>> ListAsync(IReadOnlyCollection<JobStatus>? statuses, string? type, CancellationToken cancellationToken);

    /// <summary>Replaces the row if it still has <see cref="JobRecord.ETag"/>; throws <see cref="JobConcurrencyException"/> otherwise.</summary>
    Task<JobRecord> ReplaceAsync(JobRecord job, CancellationToken cancellationToken);
}

public sealed class JobAlreadyExistsException(string id) : Exception($"job '{id}' already exists");

public sealed class JobConcurrencyException(string id) : Exception($"job '{id}' was changed by someone else");
