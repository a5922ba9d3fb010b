namespace SidFlow.Core.Jobs;

/// <summary>Scratch blobs of a job (<c>jobtemp/{jobId}/...</c>), removed when the job is cancelled or finished.</summary>
public interface IJobTempStore
{
    Task WriteAsync(string jobId, string name, Stream content, CancellationToken cancellationToken);

    Task<Stream?> OpenReadAsync(string jobId, string name, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string jobId, string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> ListAsync(string jobId, CancellationToken cancellationToken);

    Task<int> DeleteAllAsync(string jobId, CancellationToken cancellationToken);
}
