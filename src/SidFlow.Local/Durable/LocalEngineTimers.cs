using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SidFlow.Api.Composition;
using SidFlow.Core.Jobs;
using SidFlow.Pipeline.Jobs;

namespace SidFlow.Local.Durable;

/// <summary>
/// The local host's timers, in place of the Functions app's timer triggers: admission every
/// <c>jobs.admissionInterval</c> (jobs also admit on submit and on every job's end) and the schedule every
/// <c>jobs.schedulerInterval</c>.
/// </summary>
public sealed class LocalEngineTimers(IServiceScopeFactory scopes, StorageReadiness storage, IOptions<JobOptions> options, TimeProvider time, ILogger<LocalEngineTimers> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await storage.Ready.WaitAsync(stoppingToken);
        DateTimeOffset nextSchedule = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            await using (AsyncServiceScope scope = scopes.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<JobAdmission>().TryAdmitAsync(stoppingToken);
                if (options.Value.Schedule.Count > 0 && time.GetUtcNow() >= nextSchedule)
                {
                    nextSchedule = time.GetUtcNow() + options.Value.SchedulerInterval;
                    await TickScheduleAsync(scope.ServiceProvider.GetRequiredService<JobScheduler>(), stoppingToken);
                }
            }

            await Task.Delay(options.Value.AdmissionInterval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task TickScheduleAsync(JobScheduler scheduler, CancellationToken cancellationToken)
    {
        try
        {
            await scheduler.TickAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.ScheduleFailed(ex);
        }
    }
}
