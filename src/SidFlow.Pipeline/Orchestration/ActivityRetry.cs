using Microsoft.DurableTask;
using SidFlow.Core.Jobs;

namespace SidFlow.Pipeline.Orchestration;

/// <summary>Retries for the activities around a run (listing, fan-in, recording): storage hiccups pass, bad requests do not.</summary>
internal static class ActivityRetry
{
    public static TaskOptions Transient { get; } = new(new TaskRetryOptions(new RetryPolicy(
        maxNumberOfAttempts: 5,
        firstRetryInterval: TimeSpan.FromSeconds(2),
        backoffCoefficient: 2.0,
        maxRetryInterval: TimeSpan.FromMinutes(1))
    {
        HandleFailure = failure => !failure.IsCausedBy<JobConfigException>() && !failure.IsCausedBy<PermanentItemFailureException>(),
    }));
}
