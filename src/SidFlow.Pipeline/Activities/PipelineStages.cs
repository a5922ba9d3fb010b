using System.Globalization;
using System.Text.Json.Nodes;
using SidFlow.Core.Jobs;
using SidFlow.Pipeline.Orchestration;

namespace SidFlow.Pipeline.Activities;

/// <summary>
/// The activities of a pipeline: which stage a run begins with (<see cref="OrchestrationNames.BeginPipelineRun"/>;
/// a retry resumes at the first stage not completed), and the stage's own job row, created once under a name
/// derived from the pipeline's (<c>{pipelineId}-s{n}</c>) so a repeated activity finds it rather than making another.
/// </summary>
public sealed class PipelineStages(IJobStore store, JobLogWriter log, TimeProvider time)
{
    public static string StageJobId(string pipelineId, int stage) => string.Create(CultureInfo.InvariantCulture, $"{pipelineId}-s{stage + 1}");

    public async Task<PipelineStart> BeginAsync(JobRunRef run, CancellationToken cancellationToken)
    {
        JobRecord? pipeline = await store.GetAsync(run.JobId, cancellationToken);
        JsonArray stages = pipeline?.Config["stages"] as JsonArray ?? [];
        if (pipeline is null || pipeline.Orchestration.Run != run.Run || pipeline.Status.IsTerminal())
        {
            return new PipelineStart(false, pipeline is null ? "the job no longer exists" : $"the job is {pipeline.Status.ToWire()}", stages.Count, 0);
        }

        int first = 0;
        while (first < stages.Count && (await store.GetAsync(StageJobId(pipeline.Id, first), cancellationToken))?.Status == JobStatus.Completed)
        {
            first++;
        }

        if (first > 0)
        {
            log.Info(pipeline.Id, $"Run {run.Run}: stages 1..{first} are completed; resuming at stage {first + 1}");
        }

        return new PipelineStart(true, null, stages.Count, first);
    }

    public async Task<PipelineStageStart> StartStageAsync(PipelineStageRef stageRef, CancellationToken cancellationToken)
    {
        JobRecord pipeline = await store.GetAsync(stageRef.PipelineId, cancellationToken) ?? throw new JobNotFoundException(stageRef.PipelineId);
        JsonNode stage = (pipeline.Config["stages"] as JsonArray)?[stageRef.Stage] ?? throw new JobConfigException($"pipeline {pipeline.Id} has no stage {stageRef.Stage + 1}");
        string type = stage["type"]!.GetValue<string>();
        string id = StageJobId(pipeline.Id, stageRef.Stage);
        if (pipeline.Status.IsTerminal() || pipeline.Orchestration.Run != stageRef.Run)
        {
            return new PipelineStageStart(false, id, 0, type);
        }

        JobRecord child = await StageRowAsync(pipeline, id, type, stage["config"] as JsonObject ?? [], cancellationToken);
        int stages = (pipeline.Config["stages"] as JsonArray)!.Count;
        await store.UpdateAsync(pipeline.Id, p => p.Orchestration.StageJobId == id ? p : p with
        {
            Orchestration = p.Orchestration with { StageJobId = id },
            Metadata = p.Metadata with
            {
                Progress = JobProgress.Of(new JobCounters(stages, stageRef.Stage, 0), countsFiles: false, $"Stage {stageRef.Stage + 1}/{stages}: {type} ({id})"),
            },
        }, cancellationToken);
        return new PipelineStageStart(true, id, child.Orchestration.Run, type);
    }

    /// <summary>The stage's row, running its next run: made on first start, or moved to a new run when an earlier one ended unfinished.</summary>
    private async Task<JobRecord> StageRowAsync(JobRecord pipeline, string id, string type, JsonObject config, CancellationToken cancellationToken)
    {
        long now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (await store.GetAsync(id, cancellationToken) is not { } existing)
        {
            try
            {
                JobRecord created = await store.InsertAsync(new JobRecord
                {
                    Id = id,
                    Type = type,
                    Status = JobStatus.Running,
                    Priority = pipeline.Priority,
                    CreatedAt = now,
                    StartedAt = now,
                    Config = (JsonObject)config.DeepClone(),
                    ParentId = pipeline.Id,
                    CreatedBy = JobTypeRegistry.Pipeline,
                    Orchestration = new JobRunState { Run = 1, InstanceId = OrchestrationNames.InstanceId(id, 1) },
                    Metadata = new JobMetadata { Progress = new JobProgress { Message = "Started" } },
                }, cancellationToken);
                log.Info(pipeline.Id, $"Stage {type} runs as {id}");
                log.Info(id, $"Stage of {pipeline.Id}: {config.ToJsonString()}");
                return created;
            }
            catch (JobAlreadyExistsException)
            {
                existing = await store.GetAsync(id, cancellationToken) ?? throw new JobNotFoundException(id);
            }
        }

        if (existing.Status is JobStatus.Running or JobStatus.Paused or JobStatus.Completed)
        {
            // Made by an earlier attempt of this activity (or completed by an earlier run): take it as it is.
            return existing;
        }

        return await store.UpdateAsync(id, j => j.Status is JobStatus.Running or JobStatus.Paused ? j : j with
        {
            Status = JobStatus.Running,
            CompletedAt = null,
            Orchestration = j.Orchestration with { Run = j.Orchestration.Run + 1, InstanceId = OrchestrationNames.InstanceId(id, j.Orchestration.Run + 1) },
            Metadata = new JobMetadata { Progress = j.Metadata.Progress with { Message = $"Run {j.Orchestration.Run + 1} of {pipeline.Id}" } },
        }, cancellationToken);
    }
}
