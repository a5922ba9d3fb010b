using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace SidFlow.Core.Jobs;

/// <summary>
/// Buffers job log lines and appends them in batches (an append blob takes at most 50,000 blocks, so one
/// block per line would not do). Lines that fail to append are kept and tried again.
/// </summary>
public sealed class JobLogWriter : IAsyncDisposable
{
    private const int MaxBufferedPerJob = 10_000;
    private static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(500);

    private readonly IJobLog _log;
    private readonly TimeProvider _time;
    private readonly ILogger<JobLogWriter> _logger;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _flushGate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public JobLogWriter(IJobLog log, TimeProvider time, ILogger<JobLogWriter> logger)
    {
        _log = log;
        _time = time;
        _logger = logger;
        _loop = Task.Run(LoopAsync);
    }

    public void Info(string jobId, string message) => Write(jobId, "info", message);

    public void Warn(string jobId, string message) => Write(jobId, "warn", message);

    public void Error(string jobId, string message) => Write(jobId, "error", message);

    public void Write(string jobId, string level, string message)
    {
        ConcurrentQueue<string> queue = _pending.GetOrAdd(jobId, _ => new ConcurrentQueue<string>());
        if (queue.Count >= MaxBufferedPerJob)
        {
            return;
        }

        string stamp = _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        queue.Enqueue($"{stamp} [{level}] {message.ReplaceLineEndings(" ")}");
        _logger.JobLogLine(jobId, message);
    }

    /// <summary>Writes every job's buffered lines.</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => FlushAsync(null, cancellationToken);

    /// <summary>Writes one job's buffered lines (every job's when <paramref name="jobId"/> is null), so what follows is logged after them.</summary>
    public async Task FlushAsync(string? jobId, CancellationToken cancellationToken)
    {
        await _flushGate.WaitAsync(cancellationToken);
        try
        {
            foreach ((string id, ConcurrentQueue<string> queue) in _pending)
            {
                if (jobId is null || id == jobId)
                {
                    await DrainAsync(id, queue, cancellationToken);
                }
            }
        }
        finally
        {
            _flushGate.Release();
        }
    }

    private async Task DrainAsync(string jobId, ConcurrentQueue<string> queue, CancellationToken cancellationToken)
    {
        while (!queue.IsEmpty)
        {
            var lines = new List<string>();
            while (lines.Count < 2000 && queue.TryDequeue(out string? line))
            {
                lines.Add(line);
            }

            try
            {
                await _log.AppendAsync(jobId, lines, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.JobLogNotWritten(ex, jobId, lines.Count);
                // Keep the lines, in order and in front of newer ones, for the next flush.
                var rest = new List<string>(lines);
                while (queue.TryDequeue(out string? line))
                {
                    rest.Add(line);
                }

                foreach (string line in rest.TakeLast(MaxBufferedPerJob))
                {
                    queue.Enqueue(line);
                }

                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await FlushAsync(timeout.Token);
        }
        catch (OperationCanceledException ex)
        {
            _logger.JobLogNotFlushedAtShutdown(ex);
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            await Task.Delay(FlushInterval, _stop.Token);
            await FlushAsync(_stop.Token);
        }
    }
}
