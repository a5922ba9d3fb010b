using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using SidFlow.Core.Jobs;
using SidFlow.Pipeline.Orchestration;

namespace SidFlow.Pipeline.Activities;

/// <summary>
/// <see cref="OrchestrationNames.RunJobItems"/>: runs a batch of items through their job type. Items start
/// only while the job row says running (read again by every item that waited for a slot), so once a pause or
/// cancel is written no new item starts; CPU-bound types run at most <see cref="JobType.MaxParallelItems"/>
/// items of a job at once in this process, a slot passing to the next item the moment one ends; each item has
/// a wall-clock limit. What became of each item goes back to the orchestration,
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

        ItemResult[] results;
        try
        {
            results = await Task.WhenAll(batch.Items.Select(item => RunWhenFreeAsync(job, type, item, specs, gate, batch.MaxAttempts, cancellationToken)));
        }
        finally
        {
            // Lines of these items land before the orchestration hears of them, so the job's last line is last.
            await log.FlushAsync(job.Id, CancellationToken.None);
        }

        string? lastKey = batch.Items.Select(i => specs.GetValueOrDefault(i.Index)?.Key).LastOrDefault(k => k is not null);
        metrics.RecordBatch(results.Count(r => r.Kind is ItemResultKind.Done or ItemResultKind.Failed), time.GetUtcNow().ToUnixTimeMilliseconds());
        return new JobBatchResult(results, lastKey is null ? null : type.DescribeItem(lastKey));
    }

    /// <summary>
    /// Runs an item once a slot of the job's parallelism is free, and frees it as soon as the item ends. An item
    /// that had to wait for its slot reads the job row again first: a pause or cancel written meanwhile stops it.
    /// </summary>
    private async Task<ItemResult> RunWhenFreeAsync(JobRecord job, JobType type, BatchItem item, IReadOnlyDictionary<long, JobItemSpec> specs, SemaphoreSlim? gate, int maxAttempts, CancellationToken cancellationToken)
    {
        if (gate is null)
        {
            // Ungated items start at once, under the fence of the row read for the batch.
            return await RunItemAsync(job, type, item, specs, maxAttempts, cancellationToken);
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            JobRecord? current = await store.GetAsync(job.Id, cancellationToken);
            return current is null || current.Status != JobStatus.Running || current.Orchestration.Run != job.Orchestration.Run
                ? new ItemResult(item.Index, ItemResultKind.NotStarted)
                : await RunItemAsync(current, type, item, specs, maxAttempts, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
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
            var context = new JobItemContext(job, log, temp, new JobItem(item.Index, spec.Key, spec.Payload, item.Attempt))
            {
                ReplyTo = OrchestrationNames.InstanceId(job.Id, job.Orchestration.Run),
            };
            await type.RunItemAsync(context, deadline.Token);
            return context.HandOff is { } handOff
                ? new ItemResult(item.Index, ItemResultKind.HandedOff) { HandOff = handOff }
                : new ItemResult(item.Index, ItemResultKind.Done);
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
}
