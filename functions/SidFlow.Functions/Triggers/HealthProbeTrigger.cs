using SidFlow.Core.Operations;

namespace SidFlow.Functions.Triggers;

/// <summary>Timer function: records the health report in the log every few minutes, so outages show in Application Insights.</summary>
public sealed class HealthProbeTrigger(IEnumerable<IComponentCheck> checks, TimeProvider time, ILogger<HealthProbeTrigger> logger) : IFunctionTrigger
{
    public string Name => "HealthProbe";

    public async Task<FunctionOutcome> InvokeAsync(FunctionInvocation invocation, CancellationToken cancellationToken)
    {
        HealthReport report = await HealthReport.CollectAsync(checks, time, TimeSpan.FromSeconds(10), cancellationToken);
        string[] lines = report.Checks.Select(c => $"{c.Key}: {c.Value.Status.ToString().ToLowerInvariant()}{(c.Value.Message is null ? "" : " - " + c.Value.Message)}").ToArray();
        logger.LogInformation("Health {Overall}: {Checks}", report.Overall, string.Join("; ", lines));
        return new FunctionOutcome(true, [$"overall: {report.Overall.ToString().ToLowerInvariant()}", .. lines], report.Overall.ToString().ToLowerInvariant());
    }
}
