namespace SidFlow.Core.Jobs;

/// <summary>Item counts of a job, summed over its shards.</summary>
public sealed record JobCounters(long Total, long Running, long Done, long Failed, string? LastItem)
{
    public static JobCounters Empty { get; } = new(0, 0, 0, 0, null);

    public long Terminal => Done + Failed;
    public long Pending => Math.Max(0, Total - Running - Done - Failed);
    public bool Finished => Terminal >= Total;
}
