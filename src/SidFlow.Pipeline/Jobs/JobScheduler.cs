using System.Text.Json;
using Cronos;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using SidFlow.Core.Jobs;

namespace SidFlow.Pipeline.Jobs;

/// <summary>
/// <c>jobs.schedule</c>: five-field cron expressions (UTC) per job type. Each type's last firing is kept
/// with a lease, so any number of instances fire each occurrence once; after downtime only the latest
/// missed occurrence fires, never a burst.
/// </summary>
public sealed class JobScheduler(ILeaseProvider leases, JobService jobs, TimeProvider time, IOptions<JobOptions> options, ILogger<JobScheduler> logger)
{
    public async Task<IReadOnlyList<JobRecord>> TickAsync(CancellationToken cancellationToken)
    {
        var fired = new List<JobRecord>();
        foreach ((string type, string expression) in options.Value.Schedule)
        {
            CronExpression cron;
            try
            {
                cron = CronExpression.Parse(expression, CronFormat.Standard);
            }
            catch (CronFormatException ex)
            {
                logger.BadScheduleExpression(ex, type, expression);
                continue;
            }

            await using ILease? lease = await leases.TryAcquireAsync($"schedule-{type}", TimeSpan.FromSeconds(15), cancellationToken);
            if (lease is null)
            {
                continue;
            }

            DateTime now = time.GetUtcNow().UtcDateTime;
            string? state = await lease.ReadStateAsync(cancellationToken);
            DateTime? last = state is null ? null : JsonSerializer.Deserialize<ScheduleState>(state)?.Last;
            DateTime? due = last is null ? null : cron.GetOccurrences(last.Value, now, fromInclusive: false, toInclusive: true).Cast<DateTime?>().LastOrDefault();
            // Record first, fire second: a crash in between loses one firing rather than doubling it.
            await lease.WriteStateAsync(JsonSerializer.Serialize(new ScheduleState(now)), cancellationToken);
            if (due is null)
            {
                continue;
            }

            try
            {
                JobRecord job = await jobs.SubmitAsync(type, null, JobPriority.Normal, "schedule", cancellationToken);
                logger.ScheduleFired(type, due.Value, job.Id);
                fired.Add(job);
            }
            catch (Exception ex) when (ex is JobTypeUnavailableException or JobConfigException)
            {
                logger.ScheduledJobNotStarted(ex, type, due.Value);
            }
        }

        return fired;
    }

    private sealed record ScheduleState(DateTime Last);
}
