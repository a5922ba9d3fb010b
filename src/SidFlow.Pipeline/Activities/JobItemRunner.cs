using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using SidFlow.Core.Jobs;
using SidFlow.Pipeline.Orchestration;

namespace SidFlow.Pipeline.Activities;

/// <summary>
/// <see cref="OrchestrationNames.RunJobItems"/>: runs a batch of items through their job type. Items start
/// only while the job row says running (read again before each wave), so once a pause or cancel is written no
/// new item starts; CPU-bound types run at most <see cref="JobType.MaxParallelItems"/> items of a job at once
/// in this process; each item has a wall-clock limit. What became of each item goes back to the orchestration,
/// which counts it.
/// </summary>
public sealed class JobItemRunner(
    IJobStore store,
    IJobTempStore temp,
    JobItemStore items,
    JobTypeRegistry types,
    JobLogWriter log,
    JobItemMetrics metrics,
    TimeProvider time,
    IOptions<JobOptions> options)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _parallelism = new(StringComparer.Ordinal);

    public async Task<JobBatchResult> RunAsync(JobBatch batch, CancellationToken cancellationToken)
    {
        JobRecord? job = await store.GetAsync(batch.JobId, cancellationToken);
        if (job is null || job.Orchestration.Run != batch.Run || job.Status != JobStatus.Running)
        {
            if (job is null || job.Status.IsTerminal())
            {
                _parallelism.TryRemove(batch.JobId, out _);
            }

            return NotStarted(batch.Items);
        }

        JobType type = types.Find(job.Type) ?? throw new JobConfigException($"job type '{job.Type}' is not available on this instance");
        IReadOnlyDictionary<long, JobItemSpec> specs = await items.ReadAsync(job.Id, batch.ItemListRun, batch.Items.Select(i => i.Index), cancellationToken);
        SemaphoreSlim? gate = type.MaxParallelItems(job.Config) is int limit
            ? _parallelism.GetOrAdd(job.Id, _ => new SemaphoreSlim(Math.Max(1, limit)))
            : null;

        var results = new List<ItemResult>(batch.Items.Count);
        var remaining = new Queue<BatchItem>(batch.Items);
        string? lastKey = null;
        bool firstWave = true;
        try
        {
            while (remaining.Count > 0)
            {
                int slots = await TakeSlotsAsync(gate, remaining.Count, cancellationToken);
                try
                {
                    // The row read for the batch is the fence of an ungated first wave; any wave that may have waited reads it again.
                    if (!(firstWave && gate is null) && (await store.GetAsync(job.Id, cancellationToken) is not { } current || current.Status != JobStatus.Running))
                    {
                        results.AddRange(NotStarted(remaining).Items);
                        break;
                    }

                    firstWave = false;
                    BatchItem[] wave = Enumerable.Range(0, slots).Select(_ => remaining.Dequeue()).ToArray();
                    ItemResult[] waveResults = await Task.WhenAll(wave.Select(item => RunItemAsync(job, type, item, specs, batch.MaxAttempts, cancellationToken)));
                    results.AddRange(waveResults);
                    lastKey = wave.Select(w => specs.GetValueOrDefault(w.Index)?.Key).LastOrDefault(k => k is not null) ?? lastKey;
                }
                finally
                {
                    gate?.Release(slots);
                }
            }
        }
        finally
        {
            // Lines of these items land before the orchestration hears of them, so the job's last line is last.
            await log.FlushAsync(job.Id, CancellationToken.None);
        }

        metrics.RecordBatch(results.Count(r => r.Kind is ItemResultKind.Done or ItemResultKind.Failed), time.GetUtcNow().ToUnixTimeMilliseconds());
        return new JobBatchResult(results, lastKey is null ? null : type.DescribeItem(lastKey));
    }

    private async Task<ItemResult> RunItemAsync(JobRecord job, JobType type, BatchItem item, IReadOnlyDictionary<long, JobItemSpec> specs, int maxAttempts, CancellationToken cancellationToken)
    {
        if (!specs.TryGetValue(item.Index, out JobItemSpec? spec))
        {
            return new ItemResult(item.Index, ItemResultKind.Failed, $"item #{item.Index} is not in the job's item list");
        }

        TimeSpan timeout = type.ItemTimeout ?? options.Value.ItemTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await type.RunItemAsync(new JobItemContext(job, log, temp, new JobItem(item.Index, spec.Key, spec.Payload, item.Attempt)), deadline.Token);
            return new ItemResult(item.Index, ItemResultKind.Done);
        }
        catch (PermanentItemFailureException ex)
        {
            log.Error(job.Id, $"{spec.Key} failed: {ex.Message}");
            return new ItemResult(item.Index, ItemResultKind.Failed, $"{spec.Key}: {ex.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failure(job, spec.Key, item, string.Create(CultureInfo.InvariantCulture, $"timed out after {timeout.TotalSeconds:0} s"), maxAttempts);
        }
        catch (OperationCanceledException)
        {
            return new ItemResult(item.Index, ItemResultKind.Retry, $"{spec.Key}: interrupted (the instance is stopping)");
        }
        catch (Exception ex)
        {
            return Failure(job, spec.Key, item, ex.Message, maxAttempts);
        }
    }

    private ItemResult Failure(JobRecord job, string key, BatchItem item, string error, int maxAttempts)
    {
        if (item.Attempt >= maxAttempts)
        {
            log.Error(job.Id, $"{key} failed after {item.Attempt} attempts: {error}");
            return new ItemResult(item.Index, ItemResultKind.Failed, $"{key}: {error}");
        }

        log.Warn(job.Id, $"{key} attempt {item.Attempt} failed, will retry: {error}");
        return new ItemResult(item.Index, ItemResultKind.Retry, $"{key}: {error}");
    }

    private static JobBatchResult NotStarted(IEnumerable<BatchItem> batchItems) =>
        new(batchItems.Select(i => new ItemResult(i.Index, ItemResultKind.NotStarted)).ToArray(), null);

    /// <summary>One slot, waiting if need be, then as many more as are free right now.</summary>
    private static async Task<int> TakeSlotsAsync(SemaphoreSlim? gate, int wanted, CancellationToken cancellationToken)
    {
        if (gate is null)
        {
            return wanted;
        }

        await gate.WaitAsync(cancellationToken);
        int slots = 1;
        while (slots < wanted && gate.Wait(0))
        {
            slots++;
        }

        return slots;
    }
}
