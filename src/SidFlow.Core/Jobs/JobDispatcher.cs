using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SidFlow.Core.Jobs;

/// <summary>
/// Drives jobs forward; only the instance holding the dispatcher lease runs it. Each tick it admits pending
/// jobs within the concurrency limits (highest priority first), lists items of newly started jobs, feeds
/// items into the priority queues within a window, watches progress, and fans in finished jobs.
/// </summary>
public sealed class JobDispatcher(
    IJobStore store,
    IJobItemLedger ledger,
    IWorkQueue queue,
    IJobTempStore temp,
    JobTypeRegistry types,
    JobService jobs,
    JobLogWriter log,
    JobSignals signals,
    TimeProvider time,
    IOptions<JobOptions> options,
    ILogger<JobDispatcher> logger)
{
    private static readonly JobStatus[] ActiveStatuses = [JobStatus.Pending, JobStatus.Running, JobStatus.Paused];

    private readonly ConcurrentDictionary<string, BackgroundWork> _background = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _status = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Terminal, DateTimeOffset At)> _lastProgress = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _lastLoggedProgress = new(StringComparer.Ordinal);

    private JobOptions Options => options.Value;

    /// <summary>One pass over the active jobs; true when any job is active (the caller then ticks faster).</summary>
    public async Task<bool> TickAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<JobRecord> active = await store.ListAsync(ActiveStatuses, null, cancellationToken);
        foreach (string id in _background.Keys.Where(id => active.All(j => j.Id != id || j.Status == JobStatus.Pending)).ToArray())
        {
            // Cancelled or otherwise finished elsewhere: stop listing or fanning in for it.
            if (_background.TryRemove(id, out BackgroundWork? work))
            {
                await work.Cancellation.CancelAsync();
            }
        }

        foreach (string id in _lastProgress.Keys.Where(id => active.All(j => j.Id != id)).ToArray())
        {
            _lastProgress.Remove(id);
            _lastLoggedProgress.Remove(id);
        }

        List<JobRecord> running = await AdmitAsync(active, cancellationToken);
        foreach (JobRecord job in running)
        {
            try
            {
                if (job.Type == JobTypeRegistry.Pipeline)
                {
                    await DrivePipelineAsync(job, cancellationToken);
                }
                else
                {
                    await DriveAsync(job, cancellationToken);
                }
            }
            catch (JobConcurrencyException)
            {
                // Someone changed the job meanwhile; the next tick reads it again.
            }
        }

        return active.Count > 0;
    }

    /// <summary>Cancels listing and fan-in work (leadership lost or shutting down); the next leader redoes it.</summary>
    public async Task StopBackgroundWorkAsync()
    {
        foreach (BackgroundWork work in _background.Values)
        {
            await work.Cancellation.CancelAsync();
        }

        await Task.WhenAll(_background.Values.Select(w => w.Task.ContinueWith(_ => { }, TaskScheduler.Default)));
        _background.Clear();
    }

    private async Task<List<JobRecord>> AdmitAsync(IReadOnlyList<JobRecord> active, CancellationToken cancellationToken)
    {
        var running = active.Where(j => j.Status is JobStatus.Running or JobStatus.Paused).ToList();
        int slotsUsed = running.Count(j => j.Status == JobStatus.Running && j.Type != JobTypeRegistry.Pipeline);
        foreach (JobRecord pending in active.Where(j => j.Status == JobStatus.Pending)
                     .OrderByDescending(j => j.Priority).ThenBy(j => j.CreatedAt).ThenBy(j => j.Id, StringComparer.Ordinal))
        {
            bool pipeline = pending.Type == JobTypeRegistry.Pipeline;
            if (!pipeline)
            {
                if (slotsUsed >= Options.MaxConcurrent)
                {
                    continue;
                }

                int sameType = running.Count(j => j.Status == JobStatus.Running && j.Type.Equals(pending.Type, StringComparison.OrdinalIgnoreCase));
                if (sameType >= Options.LimitFor(pending.Type))
                {
                    continue;
                }
            }

            await ledger.InitializeAsync(pending.Id, JobControl.Running, cancellationToken);
            long now = time.GetUtcNow().ToUnixTimeMilliseconds();
            JobRecord started;
            try
            {
                started = await store.ReplaceAsync(pending with
                {
                    Status = JobStatus.Running,
                    StartedAt = now,
                    Engine = new JobEngineState { Phase = JobPhase.Enumerating },
                    Metadata = pending.Metadata with { Progress = pending.Metadata.Progress with { Message = "Started" } },
                }, cancellationToken);
            }
            catch (JobConcurrencyException)
            {
                continue;
            }

            log.Info(started.Id, $"Started (priority {started.Priority})");
            running.Add(started);
            if (!pipeline)
            {
                slotsUsed++;
            }
        }

        return running;
    }

    private async Task DriveAsync(JobRecord job, CancellationToken cancellationToken)
    {
        switch (job.Engine.Phase)
        {
            case JobPhase.Enumerating:
                if (job.Status == JobStatus.Running)
                {
                    StartBackground(job, EnumerateAsync);
                }

                await WriteStatusProgressAsync(job, cancellationToken);
                break;
            case JobPhase.Dispatching:
                await DispatchAsync(job, cancellationToken);
                break;
            case JobPhase.Finalizing:
                StartBackground(job, FinalizeAsync);
                await WriteStatusProgressAsync(job, cancellationToken);
                break;
        }
    }

    private async Task DispatchAsync(JobRecord job, CancellationToken cancellationToken)
    {
        JobCounters counters = await ledger.GetCountersAsync(job.Id, cancellationToken);
        JobEngineState engine = job.Engine.RoundRequested ? job.Engine.NewRound(counters.Terminal) : job.Engine;
        DateTimeOffset now = time.GetUtcNow();
        TrackStall(job.Id, counters, now, out bool stalled);

        if (counters.Finished)
        {
            JobRecord finalizing = await store.ReplaceAsync(job with
            {
                Engine = engine with { Phase = JobPhase.Finalizing },
                Metadata = job.Metadata with { Progress = ProgressOf(job, counters, "Finishing") },
            }, cancellationToken);
            log.Info(job.Id, $"All {counters.Total} items finished ({counters.Done} done, {counters.Failed} failed)");
            StartBackground(finalizing, FinalizeAsync);
            return;
        }

        long inflight = Math.Max(0, engine.DispatchedInRound - (counters.Terminal - engine.TerminalAtRoundStart));
        if (job.Status == JobStatus.Running)
        {
            if (stalled && inflight > 0)
            {
                log.Warn(job.Id, $"No item finished for {Options.StallTimeout}; dispatching the {counters.Total - counters.Terminal} unfinished items again");
                engine = engine.NewRound(counters.Terminal);
                inflight = 0;
                _lastProgress[job.Id] = (counters.Terminal, now);
            }

            long budget = Options.DispatchWindow - inflight;
            if (budget >= Math.Min(Options.ItemsPerMessage, Options.DispatchWindow))
            {
                ItemPage page = await ledger.ListItemsAsync(job.Id, JobItemStatus.Pending, engine.Cursor, (int)budget, cancellationToken);
                if (page.Items.Count > 0)
                {
                    await SendAsync(job, page.Items, cancellationToken);
                    engine = engine with { Cursor = page.Cursor, DispatchedInRound = engine.DispatchedInRound + page.Items.Count };
                }
                else if (inflight == 0 && counters.Pending > 0 && engine.Cursor is not null)
                {
                    // Items came back to pending behind the cursor (retries, dropped messages): scan again.
                    engine = engine.NewRound(counters.Terminal);
                }
            }
        }

        JobProgress progress = ProgressOf(job, counters, job.Status == JobStatus.Paused ? "Paused" : DescribeLast(job, counters));
        if (engine == job.Engine && progress == job.Metadata.Progress)
        {
            return;
        }

        // Messages may have gone out: keep the cursor even if a control changed the row meanwhile.
        JobEngineState dispatched = engine;
        await store.UpdateAsync(job.Id, j =>
        {
            if (j.Status.IsTerminal() || j.Engine.Phase != JobPhase.Dispatching)
            {
                return j;
            }

            JobEngineState e = j.Engine.RoundRequested && !job.Engine.RoundRequested ? j.Engine : dispatched;
            JobProgress p = j.Status == JobStatus.Paused ? progress with { Message = "Paused" } : progress;
            return e == j.Engine && p == j.Metadata.Progress ? j : j with { Engine = e, Metadata = j.Metadata with { Progress = p } };
        }, cancellationToken);
        LogProgress(job.Id, progress, now);
    }

    private async Task SendAsync(JobRecord job, IReadOnlyList<JobItem> items, CancellationToken cancellationToken)
    {
        long now = time.GetUtcNow().ToUnixTimeMilliseconds();
        WorkMessage[] messages = items
            .GroupBy(i => i.Shard)
            .SelectMany(g => g.Chunk(Math.Max(1, Options.ItemsPerMessage)))
            .Select(chunk => new WorkMessage(job.Id, chunk[0].Shard, chunk.Select(i => i.Key).ToArray(), now))
            .ToArray();
        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (m, ct) => await queue.SendAsync(job.Priority, m, null, ct));
        signals.WorkAvailable();
    }

    private async Task EnumerateAsync(JobRecord job, CancellationToken cancellationToken)
    {
        JobType type = types.Find(job.Type) ?? throw new JobTypeUnavailableException(job.Type);
        var context = new JobContext(job, log, temp, message => _status[job.Id] = message);
        var buffer = new List<JobItemSpec>(500);
        long count = 0;
        await foreach (JobItemSpec item in type.EnumerateAsync(context, cancellationToken))
        {
            buffer.Add(item);
            if (buffer.Count >= 500)
            {
                await ledger.AddItemsAsync(job.Id, buffer, cancellationToken);
                count += buffer.Count;
                buffer.Clear();
                _status[job.Id] = $"Listing items: {count}";
            }
        }

        await ledger.AddItemsAsync(job.Id, buffer, cancellationToken);
        count += buffer.Count;
        log.Info(job.Id, $"Listed {count} items");
        await store.UpdateAsync(job.Id, j => j.Engine.Phase == JobPhase.Enumerating && !j.Status.IsTerminal()
            ? j with { Engine = j.Engine.NewRound(0) with { Phase = JobPhase.Dispatching } }
            : j, cancellationToken);
        _status.TryRemove(job.Id, out _);
    }

    private async Task FinalizeAsync(JobRecord job, CancellationToken cancellationToken)
    {
        JobCounters counters = await ledger.GetCountersAsync(job.Id, cancellationToken);
        if (job.Type != JobTypeRegistry.Pipeline)
        {
            JobType type = types.Find(job.Type) ?? throw new JobTypeUnavailableException(job.Type);
            await type.FinalizeAsync(new JobContext(job, log, temp, message => _status[job.Id] = message), counters, cancellationToken);
            counters = await ledger.GetCountersAsync(job.Id, cancellationToken);
        }

        string? error = counters.Failed > 0 ? await FailureSummaryAsync(job.Id, counters, cancellationToken) : null;
        JobStatus outcome = error is null ? JobStatus.Completed : JobStatus.Failed;
        long now = time.GetUtcNow().ToUnixTimeMilliseconds();
        JobRecord finished = await store.UpdateAsync(job.Id, j => j.Status.IsTerminal() ? j : j with
        {
            Status = outcome,
            CompletedAt = now,
            Metadata = new JobMetadata { Error = error, Progress = ProgressOf(j, counters, outcome == JobStatus.Completed ? "Completed" : "Failed") },
        }, cancellationToken);
        if (finished.Status == JobStatus.Completed)
        {
            await temp.DeleteAllAsync(job.Id, cancellationToken);
        }

        _status.TryRemove(job.Id, out _);
        double seconds = (now - (finished.StartedAt ?? now)) / 1000.0;
        log.Info(job.Id, $"{finished.Status.ToWire()} after {seconds:0.0} s: {counters.Done} items done, {counters.Failed} failed" + (error is null ? "" : $": {error}"));
        logger.LogInformation("Job {JobId} {Status}: {Done} done, {Failed} failed", job.Id, finished.Status, counters.Done, counters.Failed);
    }

    private async Task DrivePipelineAsync(JobRecord job, CancellationToken cancellationToken)
    {
        JsonArray stages = job.Config["stages"]?.AsArray() ?? [];
        JobEngineState engine = job.Engine;
        if (engine.PipelineStage >= stages.Count)
        {
            await FinishPipelineAsync(job, JobStatus.Completed, null, cancellationToken);
            return;
        }

        if (job.Status != JobStatus.Running)
        {
            return;
        }

        JsonNode stage = stages[engine.PipelineStage]!;
        string stageType = stage["type"]!.GetValue<string>();
        if (engine.StageJobId is null)
        {
            JobRecord child = await jobs.SubmitAsync(stageType, stage["config"] as JsonObject, job.Priority, "pipeline", cancellationToken, parentId: job.Id);
            log.Info(job.Id, $"Stage {engine.PipelineStage + 1}/{stages.Count}: {stageType} as {child.Id}");
            await store.ReplaceAsync(job with { Engine = engine with { StageJobId = child.Id } }, cancellationToken);
            return;
        }

        JobRecord? current = await store.GetAsync(engine.StageJobId, cancellationToken);
        if (current is null || current.Status is JobStatus.Failed or JobStatus.Cancelled)
        {
            string why = current is null ? "disappeared" : $"{current.Status.ToWire()}: {current.Metadata.Error}";
            await FinishPipelineAsync(job, JobStatus.Failed, $"stage {engine.PipelineStage + 1} ({stageType}, {engine.StageJobId}) {why}", cancellationToken);
            return;
        }

        if (current.Status == JobStatus.Completed)
        {
            engine = engine with { PipelineStage = engine.PipelineStage + 1, StageJobId = null };
        }

        var progress = new JobProgress
        {
            Current = engine.PipelineStage,
            Total = stages.Count,
            PercentComplete = JobProgress.Percent(engine.PipelineStage, stages.Count),
            Message = $"Stage {Math.Min(engine.PipelineStage + 1, stages.Count)}/{stages.Count}: {stageType} {current.Metadata.Progress.PercentComplete:0.#}% {current.Metadata.Progress.Message}",
        };
        if (engine != job.Engine || progress != job.Metadata.Progress)
        {
            await store.ReplaceAsync(job with { Engine = engine, Metadata = job.Metadata with { Progress = progress } }, cancellationToken);
        }
    }

    private async Task FinishPipelineAsync(JobRecord job, JobStatus outcome, string? error, CancellationToken cancellationToken)
    {
        long now = time.GetUtcNow().ToUnixTimeMilliseconds();
        int stages = job.Config["stages"]?.AsArray().Count ?? 0;
        await store.ReplaceAsync(job with
        {
            Status = outcome,
            CompletedAt = now,
            Metadata = new JobMetadata
            {
                Error = error,
                Progress = new JobProgress
                {
                    Current = job.Engine.PipelineStage,
                    Total = stages,
                    PercentComplete = JobProgress.Percent(job.Engine.PipelineStage, stages),
                    Message = outcome == JobStatus.Completed ? "Completed" : "Failed",
                },
            },
        }, cancellationToken);
        log.Info(job.Id, outcome == JobStatus.Completed ? "Pipeline completed" : $"Pipeline failed: {error}");
    }

    private void StartBackground(JobRecord job, Func<JobRecord, CancellationToken, Task> work)
    {
        if (_background.ContainsKey(job.Id))
        {
            return;
        }

        var cancellation = new CancellationTokenSource();
        var entry = new BackgroundWork(cancellation);
        if (!_background.TryAdd(job.Id, entry))
        {
            return;
        }

        entry.Task = Task.Run(async () =>
        {
            try
            {
                await work(job, cancellation.Token);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                // Leadership lost or job cancelled: the next leader starts this again.
            }
            catch (Exception ex)
            {
                string phase = job.Engine.Phase == JobPhase.Enumerating ? "listing items" : "finishing";
                logger.LogError(ex, "Job {JobId} failed while {Phase}", job.Id, phase);
                await FailAsync(job.Id, $"{phase} failed: {ex.Message}");
            }
            finally
            {
                _background.TryRemove(job.Id, out _);
                cancellation.Dispose();
                signals.DispatchNeeded();
            }
        });
    }

    private async Task FailAsync(string jobId, string error)
    {
        try
        {
            long now = time.GetUtcNow().ToUnixTimeMilliseconds();
            await store.UpdateAsync(jobId, j => j.Status.IsTerminal() ? j : j with
            {
                Status = JobStatus.Failed,
                CompletedAt = now,
                Metadata = j.Metadata with { Error = error, Progress = j.Metadata.Progress with { Message = "Failed" } },
            }, CancellationToken.None);
            log.Error(jobId, error);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not mark job {JobId} failed", jobId);
        }
    }

    private async Task<string> FailureSummaryAsync(string jobId, JobCounters counters, CancellationToken cancellationToken)
    {
        ItemPage failed = await ledger.ListItemsAsync(jobId, JobItemStatus.Failed, null, 5, cancellationToken);
        string examples = string.Join("; ", failed.Items.Select(i => $"{i.Key}: {i.LastError}"));
        return $"{counters.Failed} of {counters.Total} items failed" + (examples.Length > 0 ? $" ({examples})" : string.Empty);
    }

    private async Task WriteStatusProgressAsync(JobRecord job, CancellationToken cancellationToken)
    {
        if (_status.TryGetValue(job.Id, out string? message) && message != job.Metadata.Progress.Message)
        {
            await store.ReplaceAsync(job with { Metadata = job.Metadata with { Progress = job.Metadata.Progress with { Message = message } } }, cancellationToken);
        }
    }

    private JobProgress ProgressOf(JobRecord job, JobCounters counters, string? message)
    {
        bool files = types.Find(job.Type)?.CountsFiles == true;
        return new JobProgress
        {
            Current = counters.Terminal,
            Total = counters.Total,
            PercentComplete = JobProgress.Percent(counters.Terminal, counters.Total),
            Message = message,
            ProcessedFiles = files ? counters.Terminal : null,
            TotalFiles = files ? counters.Total : null,
            FailedItems = counters.Failed > 0 ? counters.Failed : null,
        };
    }

    private string? DescribeLast(JobRecord job, JobCounters counters) =>
        counters.LastItem is { } last ? types.Find(job.Type)?.DescribeItem(last) ?? last : job.Metadata.Progress.Message;

    private void TrackStall(string jobId, JobCounters counters, DateTimeOffset now, out bool stalled)
    {
        if (!_lastProgress.TryGetValue(jobId, out var last) || last.Terminal != counters.Terminal)
        {
            _lastProgress[jobId] = (counters.Terminal, now);
            stalled = false;
            return;
        }

        stalled = now - last.At > Options.StallTimeout;
    }

    private void LogProgress(string jobId, JobProgress progress, DateTimeOffset now)
    {
        if (!_lastLoggedProgress.TryGetValue(jobId, out DateTimeOffset last) || now - last > TimeSpan.FromSeconds(5))
        {
            _lastLoggedProgress[jobId] = now;
            log.Info(jobId, $"Progress {progress.Current}/{progress.Total} ({progress.PercentComplete:0.#}%) {progress.Message}");
        }
    }

    private sealed class BackgroundWork(CancellationTokenSource cancellation)
    {
        public CancellationTokenSource Cancellation { get; } = cancellation;
        public Task Task { get; set; } = Task.CompletedTask;
    }
}
