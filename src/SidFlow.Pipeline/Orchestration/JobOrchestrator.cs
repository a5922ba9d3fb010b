using Microsoft.DurableTask;
using SidFlow.Core.Jobs;

namespace SidFlow.Pipeline.Orchestration;

/// <summary>
/// Runs one run of any <see cref="JobType"/>: list the items (an activity; the list goes to blobs), run them
/// in batches within a window, count each item once, retry failures with backoff on durable timers, report
/// progress, then fan in and record the end. An execution schedules a bounded number of activities and then
/// continues as new with its cursor, so history stays short however many items the job has. An item whose
/// activity handed its work elsewhere (a hardware render) is waited for as an external event with a durable
/// timer at its deadline: no worker is held while it waits.
/// </summary>
public sealed class JobOrchestrator : TaskOrchestrator<JobRunInput, JobRunOutcome?>
{
    public override async Task<JobRunOutcome?> RunAsync(TaskOrchestrationContext context, JobRunInput input)
    {
        JobRunCursor cursor;
        if (input.Cursor is not null)
        {
            cursor = input.Cursor;
        }
        else
        {
            JobRunStart start;
            try
            {
                start = await context.CallActivityAsync<JobRunStart>(OrchestrationNames.BeginJobRun, new JobRunRef(input.JobId, input.Run), ActivityRetry.Transient);
            }
            catch (TaskFailedException ex)
            {
                return await CompleteAsync(context, input, JobRunEnd.Failed, new JobRunLedger(EmptyCursor), $"listing the items failed: {ex.FailureDetails.ErrorMessage}");
            }

            if (!start.Proceed)
            {
                return new JobRunOutcome(input.JobId, JobStatus.Cancelled, new JobCounters(0, 0, 0), start.Reason);
            }

            cursor = JobRunCursor.Begin(start);
        }

        var ledger = new JobRunLedger(cursor);
        var execution = new Execution(context, input, ledger, cursor.LastReportAt);
        if (!await execution.RunAsync())
        {
            context.ContinueAsNew(input with { Cursor = ledger.ToCursor(execution.LastReportAt) });
            return null;
        }

        if (ledger.Cancelling)
        {
            return await CompleteAsync(context, input, JobRunEnd.Cancelled, ledger, null);
        }

        try
        {
            await context.CallActivityAsync(OrchestrationNames.FinalizeJob, new JobRunTotals(input.JobId, input.Run, ledger.Counters), ActivityRetry.Transient);
        }
        catch (TaskFailedException ex)
        {
            return await CompleteAsync(context, input, JobRunEnd.Failed, ledger, $"the fan-in failed: {ex.FailureDetails.ErrorMessage}");
        }

        return await CompleteAsync(context, input, ledger.Failed > 0 ? JobRunEnd.Failed : JobRunEnd.Finished, ledger, null);
    }

    private static JobRunCursor EmptyCursor { get; } = new()
    {
        Settings = new JobRunSettings(1, 1, 1, 0, 0, 1, false),
        ItemListRun = 0,
        Total = 0,
        Work = [],
    };

    private static Task<JobRunOutcome> CompleteAsync(TaskOrchestrationContext context, JobRunInput input, JobRunEnd end, JobRunLedger ledger, string? error) =>
        context.CallActivityAsync<JobRunOutcome>(
            OrchestrationNames.CompleteJobRun,
            new JobRunCompletion(input.JobId, input.Run, end, ledger.Counters, ledger.ItemListRun, ledger.FailedItems, ledger.FailureExamples, error),
            ActivityRetry.Transient);

    /// <summary>One execution's scheduling loop.</summary>
    private sealed class Execution(TaskOrchestrationContext context, JobRunInput input, JobRunLedger ledger, DateTime lastReportAt)
    {
        private static readonly TimeSpan ReportInterval = TimeSpan.FromSeconds(2);

        private readonly List<(Task<JobBatchResult> Task, JobBatch Batch)> _batches = [];
        private readonly Dictionary<long, HandOffWait> _handOffs = [];
        private readonly List<Task> _reports = [];
        private JobProgress? _published;
        private JobProgress? _reported;
        private int _scheduled;
        private Task? _timer;
        private DateTime _timerAt = DateTime.MaxValue;

        public DateTime LastReportAt { get; private set; } = lastReportAt;

        private bool OutOfBudget => _scheduled >= ledger.Settings.ActivitiesPerExecution;

        /// <summary>True when the run is over (every item counted, or cancelled); false when the execution should continue as new.</summary>
        public async Task<bool> RunAsync()
        {
            Task<string> cancel = context.WaitForExternalEvent<string>(OrchestrationNames.CancelEvent);
            while (true)
            {
                ledger.Cancelling |= cancel.IsCompleted;
                Schedule();
                WatchHandOffs();
                Publish();
                // Hand-offs are not in the cursor: the execution continues as new only once none is out.
                if (_batches.Count == 0 && (ledger.Cancelling || ((ledger.Finished || OutOfBudget) && _handOffs.Count == 0)))
                {
                    StopWatching();
                    await DrainReportsAsync();
                    return ledger.Cancelling || ledger.Finished;
                }

                var waitOn = new List<Task>(_batches.Count + (2 * _handOffs.Count) + 2);
                waitOn.AddRange(_batches.Select(b => b.Task));
                foreach (HandOffWait wait in _handOffs.Values)
                {
                    waitOn.Add(wait.Answer);
                    waitOn.Add(wait.Expiry);
                }

                if (!ledger.Cancelling)
                {
                    waitOn.Add(cancel);
                    if (!OutOfBudget && ledger.NextDue is { } due && due > context.CurrentUtcDateTime)
                    {
                        waitOn.Add(TimerFor(due));
                    }
                }

                await Task.WhenAny(waitOn);
                Collect();
            }
        }

        private void Schedule()
        {
            while (!ledger.Cancelling && !OutOfBudget && ledger.TakeBatch(input.JobId, input.Run, context.CurrentUtcDateTime) is { } batch)
            {
                _batches.Add((context.CallActivityAsync<JobBatchResult>(OrchestrationNames.RunJobItems, batch), batch));
                _scheduled++;
            }
        }

        private void Collect()
        {
            DateTime now = context.CurrentUtcDateTime;
            foreach ((Task<JobBatchResult> task, JobBatch batch) in _batches.Where(b => b.Task.IsCompleted).ToArray())
            {
                _batches.Remove((task, batch));
                if (task.IsCompletedSuccessfully)
                {
                    ledger.Apply(batch, task.Result, now);
                }
                else
                {
                    string error = task.Exception?.InnerException is TaskFailedException failed ? failed.FailureDetails.ErrorMessage : "the activity failed";
                    ledger.ApplyFailure(batch, error, now);
                }
            }

            foreach (HandOffWait wait in _handOffs.Values.Where(w => w.Answer.IsCompleted || w.Expiry.IsCompleted).ToArray())
            {
                _handOffs.Remove(wait.Item.Index);
                wait.Stop.Cancel();
                if (wait.Answer.IsCompletedSuccessfully)
                {
                    ledger.Answer(wait.Item, wait.Answer.Result, now);
                }
                else
                {
                    ledger.Expire(wait.Item, now);
                }

                wait.Stop.Dispose();
            }

            _reports.RemoveAll(r => r.IsCompleted);
        }

        /// <summary>Waits for the answer of every newly handed-off item, and for its deadline.</summary>
        private void WatchHandOffs()
        {
            foreach (HandedOffItem item in ledger.HandedOff.Where(h => !_handOffs.ContainsKey(h.Index)))
            {
                var stop = new CancellationTokenSource();
                _handOffs[item.Index] = new HandOffWait(
                    item,
                    context.WaitForExternalEvent<JobItemAnswer>(item.HandOff.AnswerName, stop.Token),
                    context.CreateTimer(item.HandOff.Deadline.UtcDateTime, stop.Token),
                    stop);
            }
        }

        private void StopWatching()
        {
            foreach (HandOffWait wait in _handOffs.Values)
            {
                wait.Stop.Cancel();
                wait.Stop.Dispose();
            }

            _handOffs.Clear();
        }

        /// <summary>Custom status on every change; the job row at most every <see cref="ReportInterval"/>.</summary>
        private void Publish()
        {
            string message = ledger.Cancelling ? "Cancelling" : ledger.LastItem ?? "Running";
            JobProgress progress = JobProgress.Of(ledger.Counters, ledger.Settings.CountsFiles, message);
            if (progress != _published)
            {
                context.SetCustomStatus(progress);
                _published = progress;
            }

            DateTime now = context.CurrentUtcDateTime;
            if (progress != _reported && now - LastReportAt >= ReportInterval)
            {
                _reports.Add(context.CallActivityAsync(OrchestrationNames.ReportJobProgress, new JobProgressReport(input.JobId, input.Run, progress)));
                _reported = progress;
                LastReportAt = now;
            }
        }

        private Task TimerFor(DateTime due)
        {
            if (_timer is null || _timer.IsCompleted || due < _timerAt)
            {
                _timer = context.CreateTimer(due, CancellationToken.None);
                _timerAt = due;
            }

            return _timer;
        }

        private sealed record HandOffWait(HandedOffItem Item, Task<JobItemAnswer> Answer, Task Expiry, CancellationTokenSource Stop);

        private async Task DrainReportsAsync()
        {
            try
            {
                await Task.WhenAll(_reports);
            }
            catch (TaskFailedException)
            {
                // A progress row not written is not worth failing the run for; the end writes the final one.
            }

            _reports.Clear();
        }
    }
}
