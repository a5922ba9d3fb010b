namespace SidFlow.Pipeline.Orchestration;

/// <summary>What <see cref="OrchestrationNames.BeginPipelineRun"/> answers: the stages, and the first one this run runs (a retry resumes at the stage that failed).</summary>
public sealed record PipelineStart(bool Proceed, string? Reason, int StageCount, int FirstStage);

public sealed record PipelineStageRef(string PipelineId, int Run, int Stage);

/// <summary>The stage's own job and the run of it to start.</summary>
public sealed record PipelineStageStart(bool Proceed, string StageJobId, int StageRun, string StageType);
