using SidFlow.Core.Jobs;

namespace SidFlow.Pipeline.Orchestration;

/// <summary>
/// The orchestration's own account of a run's items: which are left, which wait for another attempt, which
/// are done or failed. Each batch result is applied once (the orchestration applies each completion once,
/// however often an activity ran), so the counts are exact by construction.
/// </summary>
internal sealed class JobRunLedger
{
    private const int MaxExamples = 5;
    private const int MaxErrorLength = 300;
    private static readonly TimeSpan NotStartedDelay = TimeSpan.FromSeconds(2);

    private readonly JobRunCursor _start;
    private readonly long _workCount;
    private readonly List<WaitingItem> _waiting;

    // Not in the cursor: an execution continues as new only once every hand-off is answered or expired.
    private readonly List<HandedOffItem> _handedOff = [];
    private readonly List<IndexRange> _failedItems;
    private readonly List<string> _examples;
    private long _position;

    public JobRunLedger(JobRunCursor cursor)
    {
        _start = cursor;
        _workCount = IndexRanges.CountOf(cursor.Work);
        _position = cursor.Position;
        _waiting = [.. cursor.Waiting];
        _failedItems = [.. cursor.FailedItems];
        _examples = [.. cursor.FailureExamples];
        Done = cursor.Done;
        Failed = cursor.Failed;
        LastItem = cursor.LastItem;
        Cancelling = cursor.Cancelling;
    }

    public JobRunSettings Settings => _start.Settings;
    public int ItemListRun => _start.ItemListRun;
    public long Total => _start.Total;
    public long Done { get; private set; }
    public long Failed { get; private set; }
    public long InFlight { get; private set; }
    public string? LastItem { get; private set; }
    public bool Cancelling { get; set; }

    public JobCounters Counters => new(Total, Done, Failed);

    /// <summary>Items not handed out yet, or waiting for another attempt.</summary>
    public bool HasUnscheduled => _position < _workCount || _waiting.Count > 0;

    public bool Finished => !HasUnscheduled && InFlight == 0;

    /// <summary>Items whose work was handed elsewhere and whose answers the run waits for (counted in <see cref="InFlight"/>).</summary>
    public IReadOnlyList<HandedOffItem> HandedOff => _handedOff;

    public IReadOnlyList<IndexRange> FailedItems => _failedItems;
    public IReadOnlyList<string> FailureExamples => _examples;

    /// <summary>When the earliest waiting item may run; null when none waits.</summary>
    public DateTime? NextDue => _waiting.Count == 0 ? null : _waiting.Min(w => w.DueAt);

    /// <summary>The next batch: waiting items that are due first, then items not run yet; null when none may run now.</summary>
    public JobBatch? TakeBatch(string jobId, int run, DateTime now)
    {
        int size = (int)Math.Min(Settings.ItemsPerActivity, Math.Max(0, Settings.Window - InFlight));
        var items = new List<BatchItem>(size);
        foreach (WaitingItem due in _waiting.Where(w => w.DueAt <= now).OrderBy(w => w.DueAt).ThenBy(w => w.Index).Take(size).ToArray())
        {
            _waiting.Remove(due);
            items.Add(new BatchItem(due.Index, due.Attempt));
        }

        while (items.Count < size && _position < _workCount)
        {
            items.Add(new BatchItem(IndexRanges.At(_start.Work, _position++), 1));
        }

        if (items.Count == 0)
        {
            return null;
        }

        InFlight += items.Count;
        return new JobBatch(jobId, run, _start.ItemListRun, Settings.MaxAttempts, items);
    }

    /// <summary>Counts a batch's results; item errors come as "key: message".</summary>
    public void Apply(JobBatch batch, JobBatchResult result, DateTime now)
    {
        InFlight -= batch.Items.Count;
        var attempts = batch.Items.ToDictionary(i => i.Index, i => i.Attempt);
        foreach (ItemResult item in result.Items)
        {
            int attempt = attempts.GetValueOrDefault(item.Index, 1);
            switch (item.Kind)
            {
                case ItemResultKind.Done:
                    Done++;
                    break;
                case ItemResultKind.Failed:
                    RecordFailure(item.Index, item.Error);
                    break;
                case ItemResultKind.Retry:
                    Retry(item.Index, attempt, item.Error, now);
                    break;
                case ItemResultKind.NotStarted:
                    _waiting.Add(new WaitingItem(item.Index, attempt, now + NotStartedDelay, null));
                    break;
                case ItemResultKind.HandedOff:
                    _handedOff.Add(new HandedOffItem(item.Index, attempt, item.HandOff!));
                    InFlight++;
                    break;
            }
        }

        LastItem = result.LastItem ?? LastItem;
    }

    /// <summary>The activity itself failed (its host lost storage, say): every item of the batch used an attempt.</summary>
    public void ApplyFailure(JobBatch batch, string error, DateTime now)
    {
        InFlight -= batch.Items.Count;
        foreach (BatchItem item in batch.Items)
        {
            Retry(item.Index, item.Attempt, $"item #{item.Index}: {error}", now);
        }
    }

    /// <summary>A hand-off's answer came: done, another attempt (when the answer says one may help), or failed.</summary>
    public void Answer(HandedOffItem item, JobItemAnswer answer, DateTime now)
    {
        EndHandOff(item);
        if (answer.Succeeded)
        {
            Done++;
        }
        else if (answer.Retryable)
        {
            Retry(item.Index, item.Attempt, answer.Error, now);
        }
        else
        {
            RecordFailure(item.Index, answer.Error);
        }
    }

    /// <summary>A hand-off's deadline passed with no answer: it counts as a failed attempt.</summary>
    public void Expire(HandedOffItem item, DateTime now)
    {
        EndHandOff(item);
        Retry(item.Index, item.Attempt, item.HandOff.Unanswered, now);
    }

    private void EndHandOff(HandedOffItem item)
    {
        _handedOff.Remove(item);
        InFlight--;
    }

    public JobRunCursor ToCursor(DateTime lastReportAt) => _start with
    {
        Position = _position,
        Done = Done,
        Failed = Failed,
        FailedItems = [.. _failedItems],
        FailureExamples = [.. _examples],
        Waiting = [.. _waiting],
        LastItem = LastItem,
        LastReportAt = lastReportAt,
        Cancelling = Cancelling,
        Execution = _start.Execution + 1,
    };

    private void Retry(long index, int attempt, string? error, DateTime now)
    {
        if (attempt >= Settings.MaxAttempts)
        {
            RecordFailure(index, error);
            return;
        }

        _waiting.Add(new WaitingItem(index, attempt + 1, now + Backoff(index, attempt), error));
    }

    private void RecordFailure(long index, string? error)
    {
        Failed++;
        IndexRanges.Add(_failedItems, index);
        if (_examples.Count < MaxExamples)
        {
            string text = error ?? $"item #{index} failed";
            _examples.Add(text.Length > MaxErrorLength ? text[..MaxErrorLength] : text);
        }
    }

    /// <summary>Exponential, capped, with a jitter that depends only on the item and attempt (orchestrations must be deterministic).</summary>
    private TimeSpan Backoff(long index, int attempt)
    {
        double ms = Math.Min(Settings.RetryMaxDelayMs, Settings.RetryBaseDelayMs * Math.Pow(2, Math.Clamp(attempt - 1, 0, 20)));
        ulong hash = unchecked(((ulong)index * 0x9E3779B97F4A7C15UL) ^ ((ulong)attempt * 0xC2B2AE3D27D4EB4FUL));
        double jitter = 0.8 + 0.4 * ((hash >> 11) / (double)(1UL << 53));
        return TimeSpan.FromMilliseconds(ms * jitter);
    }
}
