namespace SidFlow.Core.Jobs;

/// <summary>Where the engine is with a running job: listing its items, dispatching them, or fanning in.</summary>
public enum JobPhase
{
    Enumerating,
    Dispatching,
    Finalizing,
}
