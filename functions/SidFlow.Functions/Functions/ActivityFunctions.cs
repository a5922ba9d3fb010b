using SidFlow.Functions.Hosting;
using SidFlow.Pipeline.Activities;
using SidFlow.Pipeline.Orchestration;

namespace SidFlow.Functions.Functions;

/// <summary>The orchestrations' activities: each binds its input and calls the shared service.</summary>
public sealed class ActivityFunctions(IServiceProvider services)
{
    [Function(OrchestrationNames.BeginJobRun)]
    public Task<JobRunStart> BeginJobRun([ActivityTrigger] JobRunRef input, FunctionContext context) =>
        services.GetRequiredService<JobRunStarter>().BeginAsync(input, context.CancellationToken);

    [Function(OrchestrationNames.RunJobItems)]
    public Task<JobBatchResult> RunJobItems([ActivityTrigger] JobBatch input, FunctionContext context) =>
        services.GetRequiredService<JobItemRunner>().RunAsync(input, context.CancellationToken);

    [Function(OrchestrationNames.ReportJobProgress)]
    public Task ReportJobProgress([ActivityTrigger] JobProgressReport input, FunctionContext context) =>
        services.GetRequiredService<JobRunRecorder>().ReportProgressAsync(input, context.CancellationToken);

    [Function(OrchestrationNames.FinalizeJob)]
    public Task FinalizeJob([ActivityTrigger] JobRunTotals input, FunctionContext context) =>
        services.GetRequiredService<JobRunRecorder>().FinalizeAsync(input, context.CancellationToken);

    [Function(OrchestrationNames.CompleteJobRun)]
    public Task<JobRunOutcome> CompleteJobRun([ActivityTrigger] JobRunCompletion input, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        // The end of a run admits the next job, which needs the client.
        services.GetRequiredService<DurableClientScope>().Use(client);
        return services.GetRequiredService<JobRunRecorder>().CompleteAsync(input, context.CancellationToken);
    }

    [Function(OrchestrationNames.BeginPipelineRun)]
    public Task<PipelineStart> BeginPipelineRun([ActivityTrigger] JobRunRef input, FunctionContext context) =>
        services.GetRequiredService<PipelineStages>().BeginAsync(input, context.CancellationToken);

    [Function(OrchestrationNames.StartPipelineStage)]
    public Task<PipelineStageStart> StartPipelineStage([ActivityTrigger] PipelineStageRef input, FunctionContext context) =>
        services.GetRequiredService<PipelineStages>().StartStageAsync(input, context.CancellationToken);
}
