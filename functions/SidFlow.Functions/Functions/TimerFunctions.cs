using SidFlow.Core.Operations;
using SidFlow.Functions.Hosting;
using SidFlow.Pipeline.Jobs;

namespace SidFlow.Functions.Functions;

/// <summary>The timers: admission (jobs also admit on submit and at every job's end), the schedule, alerts, and a health probe for the logs.</summary>
public sealed class TimerFunctions(DurableClientScope durable, ILogger<TimerFunctions> logger)
{
    [Function("Admission")]
    public Task Admission([TimerTrigger("*/10 * * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        durable.Use(client);
        return durable.Services.GetRequiredService<JobAdmission>().TryAdmitAsync(context.CancellationToken);
    }

    [Function("JobSchedule")]
    public Task JobSchedule([TimerTrigger("0 * * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        durable.Use(client);
        return durable.Services.GetRequiredService<JobScheduler>().TickAsync(context.CancellationToken);
    }

    [Function("Alerts")]
    public Task Alerts([TimerTrigger("0 * * * * *")] TimerInfo timer, FunctionContext context) =>
        durable.Services.GetRequiredService<SidFlow.Core.Alerts.AlertMonitor>().EvaluateAsync(context.CancellationToken);

    [Function("HealthProbe")]
    public async Task HealthProbe([TimerTrigger("0 */5 * * * *")] TimerInfo timer, FunctionContext context)
    {
        HealthReport report = await HealthReport.CollectAsync(durable.Services.GetServices<IComponentCheck>(), TimeProvider.System, TimeSpan.FromSeconds(10), context.CancellationToken);
        logger.HealthProbed(report.Overall, string.Join("; ", report.Checks.Select(c => $"{c.Key}: {c.Value.Status}{(c.Value.Message is null ? string.Empty : " - " + c.Value.Message)}")));
    }
}
