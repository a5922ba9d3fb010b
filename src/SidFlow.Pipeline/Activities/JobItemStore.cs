using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using SidFlow.Core.Jobs;
using SidFlow.Pipeline.Orchestration;

namespace SidFlow.Pipeline.Activities;

/// <summary>
/// A job's item list, in the job's scratch blobs (<c>jobtemp/{jobId}/items/r{run}/...</c>) in chunks, so no
/// list goes into orchestration history; and the failed items of its last run, which a retry runs again.
/// Chunks never change once written, so this process keeps the ones it read.
/// </summary>
public sealed class JobItemStore(IJobTempStore temp)
{
    public const int ChunkSize = 2048;
    private const int CachedChunks = 32;
    private const string FailedBlob = "failed-items.json";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ConcurrentDictionary<string, Lazy<Task<JobItemSpec[]>>> _chunks = new(StringComparer.Ordinal);

    /// <summary>Writes the listing chunk by chunk, then its count; only a listing with a count is complete.</summary>
    public async Task<long> WriteAsync(string jobId, int listRun, IAsyncEnumerable<JobItemSpec> items, Action<long> listed, CancellationToken cancellationToken)
    {
        var chunk = new List<JobItemSpec>(ChunkSize);
        long count = 0;
        int chunkIndex = 0;
        await foreach (JobItemSpec item in items.WithCancellation(cancellationToken))
        {
            chunk.Add(item);
            count++;
            if (chunk.Count == ChunkSize)
            {
                await WriteJsonAsync(jobId, ChunkName(listRun, chunkIndex++), chunk, cancellationToken);
                chunk.Clear();
                listed(count);
            }
        }

        if (chunk.Count > 0)
        {
            await WriteJsonAsync(jobId, ChunkName(listRun, chunkIndex), chunk, cancellationToken);
        }

        await WriteJsonAsync(jobId, CountName(listRun), new ListingCount(count), cancellationToken);
        return count;
    }

    /// <summary>The number of items of a complete listing; null when there is none.</summary>
    public async Task<long?> CountAsync(string jobId, int listRun, CancellationToken cancellationToken) =>
        (await ReadJsonAsync<ListingCount>(jobId, CountName(listRun), cancellationToken))?.Count;

    /// <summary>The items at the given indices of a listing.</summary>
    public async Task<IReadOnlyDictionary<long, JobItemSpec>> ReadAsync(string jobId, int listRun, IEnumerable<long> indices, CancellationToken cancellationToken)
    {
        var found = new Dictionary<long, JobItemSpec>();
        foreach (IGrouping<long, long> byChunk in indices.GroupBy(i => i / ChunkSize))
        {
            JobItemSpec[] chunk = await ChunkAsync(jobId, listRun, (int)byChunk.Key, cancellationToken);
            foreach (long index in byChunk)
            {
                long offset = index % ChunkSize;
                if (offset < chunk.Length)
                {
                    found[index] = chunk[offset];
                }
            }
        }

        return found;
    }

    public Task WriteFailedAsync(string jobId, FailedItems failed, CancellationToken cancellationToken) =>
        WriteJsonAsync(jobId, FailedBlob, failed, cancellationToken);

    public Task<FailedItems?> ReadFailedAsync(string jobId, CancellationToken cancellationToken) =>
        ReadJsonAsync<FailedItems>(jobId, FailedBlob, cancellationToken);

    private async Task<JobItemSpec[]> ChunkAsync(string jobId, int listRun, int chunk, CancellationToken cancellationToken)
    {
        string key = $"{jobId}/{ChunkName(listRun, chunk)}";
        if (_chunks.Count > CachedChunks)
        {
            _chunks.Clear();
        }

        Lazy<Task<JobItemSpec[]>> lazy = _chunks.GetOrAdd(key, _ => new Lazy<Task<JobItemSpec[]>>(async () =>
            await ReadJsonAsync<JobItemSpec[]>(jobId, ChunkName(listRun, chunk), CancellationToken.None)
            ?? throw new InvalidOperationException($"the item list of {jobId} (run {listRun}) has no chunk {chunk}")));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            _chunks.TryRemove(key, out _);
            throw;
        }
    }

    private static string ChunkName(int listRun, int chunk) =>
        string.Create(CultureInfo.InvariantCulture, $"items/r{listRun}/{chunk:D6}.json");

    private static string CountName(int listRun) => string.Create(CultureInfo.InvariantCulture, $"items/r{listRun}/count.json");

    private async Task WriteJsonAsync<T>(string jobId, string name, T value, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(value, Json));
        await temp.WriteAsync(jobId, name, stream, cancellationToken);
    }

    private async Task<T?> ReadJsonAsync<T>(string jobId, string name, CancellationToken cancellationToken)
    {
        await using Stream? stream = await temp.OpenReadAsync(jobId, name, cancellationToken);
        return stream is null ? default : await JsonSerializer.DeserializeAsync<T>(stream, Json, cancellationToken);
    }

    private sealed record ListingCount(long Count);
}

/// <summary>The items a run left failed: which listing they index, how many items it has, and the failed ranges.</summary>
public sealed record FailedItems(int Run, int ItemListRun, long Total, IReadOnlyList<IndexRange> Ranges);
