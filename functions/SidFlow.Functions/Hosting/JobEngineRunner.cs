using SidFlow.Core.Jobs;

namespace SidFlow.Functions.Hosting;

/// <summary>
/// Runs the engine in this process: the dispatcher (when this instance holds its lease), and in standalone
/// mode the queue workers and the schedule timer. Under the Functions host the host's queue and timer
/// triggers take the place of the last two.
/// </summary>
public sealed class JobEngineRunner(DispatcherLoop dispatcher, QueueWorker worker, JobScheduler scheduler, JobLogWriter log,
    Microsoft.Extensions.Options.IOptions<JobOptions> options, ILogger<JobEngineRunner> logger)
{
    public async Task RunAsync(bool standaloneTriggers, CancellationToken cancellationToken)
    {
        var loops = new List<Task> { dispatcher.RunAsync(cancellationToken) };
        if (standaloneTriggers)
        {
            loops.Add(worker.RunAsync(cancellationToken));
            loops.Add(ScheduleAsync(cancellationToken));
        }

        try
        {
            await Task.WhenAll(loops);
        }
        finally
        {
            await log.FlushAsync(CancellationToken.None);
        }
    }

    private async Task ScheduleAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Schedule.Count == 0)
        {
            return;
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await scheduler.TickAsync(cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Schedule tick failed: {Message}", ex.Message);
            }

            try
            {
                await Task.Delay(options.Value.SchedulerInterval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}
