using Microsoft.DurableTask;
using SidFlow.Core.Jobs;

namespace SidFlow.Pipeline.Orchestration;

/// <summary>
/// A <c>pipeline</c> job: its stages (fetch, then classify, ...) run one after the other, each a job of its own
/// with its own row, run as a sub-orchestration of this one. A stage that does not complete ends the pipeline.
/// </summary>
public sealed class PipelineOrchestrator : TaskOrchestrator<JobRunInput, JobRunOutcome?>
{
    public override async Task<JobRunOutcome?> RunAsync(TaskOrchestrationContext context, JobRunInput input)
    {
        PipelineStart start;
        try
        {
            start = await context.CallActivityAsync<PipelineStart>(OrchestrationNames.BeginPipelineRun, new JobRunRef(input.JobId, input.Run), ActivityRetry.Transient);
        }
        catch (TaskFailedException ex)
        {
            return await CompleteAsync(context, input, JobRunEnd.Failed, new JobCounters(0, 0, 0), ex.FailureDetails.ErrorMessage);
        }

        if (!start.Proceed)
        {
            return new JobRunOutcome(input.JobId, JobStatus.Cancelled, new JobCounters(start.StageCount, 0, 0), start.Reason);
        }

        Task<string> cancel = context.WaitForExternalEvent<string>(OrchestrationNames.CancelEvent);
        for (int stage = start.FirstStage; stage < start.StageCount; stage++)
        {
            var done = new JobCounters(start.StageCount, stage, 0);
            PipelineStageStart next = await context.CallActivityAsync<PipelineStageStart>(
                OrchestrationNames.StartPipelineStage, new PipelineStageRef(input.JobId, input.Run, stage), ActivityRetry.Transient);
            if (!next.Proceed)
            {
                return await CompleteAsync(context, input, JobRunEnd.Cancelled, done, null);
            }

            Task<JobRunOutcome?> child = context.CallSubOrchestratorAsync<JobRunOutcome?>(
                OrchestrationNames.JobOrchestration,
                new JobRunInput(next.StageJobId, next.StageRun),
                new SubOrchestrationOptions(new TaskOptions((TaskRetryOptions?)null), OrchestrationNames.InstanceId(next.StageJobId, next.StageRun)));
            if (await Task.WhenAny(child, cancel) == cancel)
            {
                return await CompleteAsync(context, input, JobRunEnd.Cancelled, done, null);
            }

            string describe = $"stage {stage + 1}/{start.StageCount} ({next.StageType}, {next.StageJobId})";
            JobRunOutcome? outcome;
            try
            {
                outcome = await child;
            }
            catch (TaskFailedException ex)
            {
                return await CompleteAsync(context, input, JobRunEnd.Failed, done with { Failed = 1 }, $"{describe} failed: {ex.FailureDetails.ErrorMessage}");
            }

            if (outcome?.Status != JobStatus.Completed)
            {
                string why = outcome is null ? "ended without an outcome" : $"ended {outcome.Status.ToWire()}" + (outcome.Error is null ? string.Empty : $": {outcome.Error}");
                JobRunEnd end = outcome?.Status == JobStatus.Cancelled ? JobRunEnd.Cancelled : JobRunEnd.Failed;
                return await CompleteAsync(context, input, end, done with { Failed = end == JobRunEnd.Failed ? 1 : 0 }, $"{describe} {why}");
            }
        }

        return await CompleteAsync(context, input, JobRunEnd.Finished, new JobCounters(start.StageCount, start.StageCount, 0), null);
    }

    private static Task<JobRunOutcome> CompleteAsync(TaskOrchestrationContext context, JobRunInput input, JobRunEnd end, JobCounters counters, string? error) =>
        context.CallActivityAsync<JobRunOutcome>(
            OrchestrationNames.CompleteJobRun,
            new JobRunCompletion(input.JobId, input.Run, end, counters, input.Run, [], [], error),
            ActivityRetry.Transient);
}
