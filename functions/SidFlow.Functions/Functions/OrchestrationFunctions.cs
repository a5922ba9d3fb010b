using SidFlow.Pipeline.Orchestration;

namespace SidFlow.Functions.Functions;

/// <summary>The orchestrations, written once in SidFlow.Pipeline; the local worker registers the same ones under the same names.</summary>
public static class OrchestrationFunctions
{
    [Function(OrchestrationNames.JobOrchestration)]
    public static Task<JobRunOutcome?> RunJob([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new JobOrchestrator().RunAsync(context, context.GetInput<JobRunInput>()!);

    [Function(OrchestrationNames.PipelineOrchestration)]
    public static Task<JobRunOutcome?> RunPipeline([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new PipelineOrchestrator().RunAsync(context, context.GetInput<JobRunInput>()!);
}
