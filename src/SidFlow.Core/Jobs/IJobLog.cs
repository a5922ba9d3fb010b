namespace SidFlow.Core.Jobs;

/// <summary>The log of each job (an append blob in <c>joblogs</c>), read by offset so it can be followed live.</summary>
public interface IJobLog
{
    Task AppendAsync(string jobId, IReadOnlyList<string> lines, CancellationToken cancellationToken);

    /// <summary>The log from a byte offset; empty when there is nothing new. Length is the total size read up to.</summary>
    Task<JobLogChunk> ReadAsync(string jobId, long offset, CancellationToken cancellationToken);
}

public sealed record JobLogChunk(string Text, long Length);
