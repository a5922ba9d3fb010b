using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SidFlow.Core.Jobs;

/// <summary>
/// Handles one work message: the same code whether the app's own queue listener or the Functions host
/// delivered it. Items start behind the job's fence, run through their job type (idempotently, with a
/// timeout), and are recorded done, failed (last attempt) or pending again (retry with backoff).
/// </summary>
public sealed class WorkMessageProcessor(
    IJobStore store,
    IJobItemLedger ledger,
    IJobTempStore temp,
    JobTypeRegistry types,
    JobLogWriter log,
    JobSignals signals,
    EngineMetrics metrics,
    TimeProvider time,
    IOptions<JobOptions> options,
    ILogger<WorkMessageProcessor> logger)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _parallelism = new(StringComparer.Ordinal);

    public async Task<MessageOutcome> ProcessAsync(string? text, long dequeueCount, CancellationToken cancellationToken)
    {
        metrics.RecordMessage();
        WorkMessage? message = WorkMessage.TryParse(text);
        if (message is null)
        {
            return new MessageOutcome(MessageDisposition.Poison, "not a SidFlow work message");
        }

        JobRecord? job = await GetJobAsync(message.JobId, cancellationToken);
        if (job is null || job.Status.IsTerminal())
        {
            return MessageOutcome.Complete(job is null ? "job no longer exists" : $"job is {job.Status.ToWire()}");
        }

        JobType? type = types.Find(job.Type);
        if (type is null)
        {
            return Fail(message, dequeueCount, $"job type '{job.Type}' is not available on this instance");
        }

        SemaphoreSlim? gate = type.MaxParallelItems(job.Config) is int limit
            ? _parallelism.GetOrAdd(job.Id, _ => new SemaphoreSlim(Math.Max(1, limit)))
            : null;
        bool lastAttempt = dequeueCount >= options.Value.MaxDequeueCount;
        var results = new List<ItemResult>();
        var remaining = new Queue<string>(message.Keys.Distinct(StringComparer.Ordinal));
        while (remaining.Count > 0)
        {
            // Items start only when they can run at once, so a pause or cancel stops every item not yet running.
            int slots = await TakeSlotsAsync(gate, remaining.Count, cancellationToken);
            string[] wave = Enumerable.Range(0, slots).Select(_ => remaining.Dequeue()).ToArray();
            try
            {
                StartedItems started = await ledger.StartAsync(job.Id, message.Shard, wave, cancellationToken);
                if (started.Control != JobControl.Running)
                {
                    // Paused: the items stay pending and the dispatcher sends them again on resume. Cancelled: nothing to do.
                    return Settle(results, message, dequeueCount, $"job is {started.Control.ToString().ToLowerInvariant()}");
                }

                if (started.Items.Count == 0)
                {
                    continue;
                }

                ItemResult[] waveResults = await RunItemsAsync(job, type, started.Items, lastAttempt, cancellationToken);
                await ledger.CompleteAsync(started, waveResults, cancellationToken);
                results.AddRange(waveResults);
            }
            finally
            {
                gate?.Release(slots);
            }
        }

        return Settle(results, message, dequeueCount, "items already finished");
    }

    private MessageOutcome Settle(List<ItemResult> results, WorkMessage message, long dequeueCount, string nothingToDo)
    {
        if (results.Count == 0)
        {
            return MessageOutcome.Complete(nothingToDo);
        }

        int done = results.Count(r => r.Outcome == ItemOutcome.Done);
        int failed = results.Count(r => r.Outcome == ItemOutcome.Failed);
        int retried = results.Count(r => r.Outcome == ItemOutcome.Retry);
        metrics.RecordItems(done, failed, retried, message.EnqueuedAt, time.GetUtcNow().ToUnixTimeMilliseconds());
        signals.DispatchNeeded();

        if (retried > 0)
        {
            return new MessageOutcome(MessageDisposition.Retry, $"{retried} items will be retried", options.Value.BackoffFor(dequeueCount));
        }

        int exhausted = results.Count(r => r.Outcome == ItemOutcome.Failed && !r.Permanent);
        return exhausted > 0
            ? new MessageOutcome(MessageDisposition.Poison, $"{exhausted} items failed after {dequeueCount} attempts")
            : MessageOutcome.Complete(failed > 0 ? $"{done} items done, {failed} failed for good" : $"{done} items done");
    }

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

    private async Task<ItemResult[]> RunItemsAsync(JobRecord job, JobType type, IReadOnlyList<JobItem> items, bool lastAttempt, CancellationToken cancellationToken)
    {
        TimeSpan timeout = type.ItemTimeout ?? options.Value.ItemTimeout;
        return await Task.WhenAll(items.Select(async item =>
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            try
            {
                await type.RunItemAsync(new JobItemContext(job, log, temp, item), deadline.Token);
                return new ItemResult(item.Key, ItemOutcome.Done);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Failure(job, item, $"timed out after {timeout.TotalSeconds:0} s", lastAttempt);
            }
            catch (PermanentItemFailureException ex)
            {
                log.Error(job.Id, $"{item.Key} failed: {ex.Message}");
                return new ItemResult(item.Key, ItemOutcome.Failed, ex.Message, Permanent: true);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return Failure(job, item, ex.Message, lastAttempt);
            }
        }));
    }

    private ItemResult Failure(JobRecord job, JobItem item, string error, bool lastAttempt)
    {
        if (lastAttempt)
        {
            log.Error(job.Id, $"{item.Key} failed after {item.Attempts} attempts: {error}");
            logger.LogWarning("Job {JobId} item {Key} failed: {Error}", job.Id, item.Key, error);
            return new ItemResult(item.Key, ItemOutcome.Failed, error);
        }

        log.Warn(job.Id, $"{item.Key} attempt {item.Attempts} failed, will retry: {error}");
        return new ItemResult(item.Key, ItemOutcome.Retry, error);
    }

    private MessageOutcome Fail(WorkMessage message, long dequeueCount, string reason) =>
        dequeueCount >= options.Value.MaxDequeueCount
            ? new MessageOutcome(MessageDisposition.Poison, reason)
            : new MessageOutcome(MessageDisposition.Retry, reason, options.Value.BackoffFor(dequeueCount));

    /// <summary>The job as it is now: read per message, so a retry's changed config applies at once.</summary>
    private async Task<JobRecord?> GetJobAsync(string id, CancellationToken cancellationToken)
    {
        JobRecord? job = await store.GetAsync(id, cancellationToken);
        if (job is null || job.Status.IsTerminal())
        {
            // Not disposed: a message still running may release into it; the collector takes it.
            _parallelism.TryRemove(id, out _);
        }

        return job;
    }
}
