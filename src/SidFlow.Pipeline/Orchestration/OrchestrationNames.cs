namespace SidFlow.Pipeline.Orchestration;

/// <summary>
/// The names orchestrations, activities and events are registered and called by: the Functions app's
/// <c>[Function]</c> names and the local worker's registrations are these, so both hosts run one task hub.
/// </summary>
public static class OrchestrationNames
{
    public const string JobOrchestration = "JobOrchestration";
    public const string PipelineOrchestration = "PipelineOrchestration";

    public const string BeginJobRun = "BeginJobRun";
    public const string RunJobItems = "RunJobItems";
    public const string ReportJobProgress = "ReportJobProgress";
    public const string FinalizeJob = "FinalizeJob";
    public const string CompleteJobRun = "CompleteJobRun";
    public const string BeginPipelineRun = "BeginPipelineRun";
    public const string StartPipelineStage = "StartPipelineStage";

    /// <summary>Raised on a job's instance to cancel it: it stops scheduling, lets running items end, cleans up and ends cancelled.</summary>
    public const string CancelEvent = "cancel";

    /// <summary>The orchestration of a job type.</summary>
    public static string For(string jobType) =>
        jobType == Core.Jobs.JobTypeRegistry.Pipeline ? PipelineOrchestration : JobOrchestration;

    /// <summary>Instance ids are the job id and the run: a retry is a new instance over the same job.</summary>
    public static string InstanceId(string jobId, int run) => $"{jobId}-r{run}";
}
