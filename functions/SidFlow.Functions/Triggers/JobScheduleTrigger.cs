using SidFlow.Core.Jobs;

namespace SidFlow.Functions.Triggers;

/// <summary>Timer function: fires the jobs of <c>jobs.schedule</c> that are due.</summary>
public sealed class JobScheduleTrigger(JobScheduler scheduler) : IFunctionTrigger
{
    public string Name => "JobSchedule";

    public async Task<FunctionOutcome> InvokeAsync(FunctionInvocation invocation, CancellationToken cancellationToken)
    {
        IReadOnlyList<JobRecord> fired = await scheduler.TickAsync(cancellationToken);
        return new FunctionOutcome(true, fired.Select(j => $"started {j.Id}").DefaultIfEmpty("nothing due").ToArray(), fired.Count);
    }
}
