namespace SidFlow.Core.Jobs;

/// <summary>How many of a job's items there are and how many ended done or failed: what the fan-in sees.</summary>
public sealed record JobCounters(long Total, long Done, long Failed)
{
    public long Terminal => Done + Failed;

    public bool Finished => Terminal >= Total;
}
