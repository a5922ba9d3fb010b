using SidFlow.Core.Jobs;

namespace SidFlow.Pipeline.Activities;

/// <summary>
/// Writes a job's progress message while a long step runs (listing, fan-in): at most once a second, the
/// latest message winning. It also notices when the job was cancelled meanwhile and cancels the step.
/// </summary>
internal sealed class JobStatusReporter : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly IJobStore _store;
    private readonly string _jobId;
    private readonly int _run;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _cancelled;
    private readonly SemaphoreSlim _writing = new(1, 1);
    private DateTimeOffset _lastWrite = DateTimeOffset.MinValue;
    private string? _pending;
    private Task _last = Task.CompletedTask;

    public JobStatusReporter(IJobStore store, string jobId, int run, TimeProvider time, CancellationToken cancellationToken)
    {
        _store = store;
        _jobId = jobId;
        _run = run;
        _time = time;
        _cancelled = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    /// <summary>Cancelled when the caller's token is, or when the job was found cancelled.</summary>
    public CancellationToken Token => _cancelled.Token;

    public void Report(string message)
    {
        Volatile.Write(ref _pending, message);
        if (_time.GetUtcNow() - _lastWrite >= Interval && _writing.Wait(0))
        {
            _lastWrite = _time.GetUtcNow();
            _last = WriteAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _last;
        }
        catch (OperationCanceledException)
        {
        }

        _cancelled.Dispose();
        _writing.Dispose();
    }

    private async Task WriteAsync()
    {
        try
        {
            string? message = Volatile.Read(ref _pending);
            JobRecord job = await _store.UpdateAsync(_jobId, j => j.Orchestration.Run == _run && !j.Status.IsTerminal() && j.Metadata.Progress.Message != message
                ? j with { Metadata = j.Metadata with { Progress = j.Metadata.Progress with { Message = message } } }
                : j, _cancelled.Token);
            if (job.Status == JobStatus.Cancelled)
            {
                await _cancelled.CancelAsync();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A progress message is best effort: the step goes on without it, and the next report tries again.
        }
        finally
        {
            _writing.Release();
        }
    }
}
