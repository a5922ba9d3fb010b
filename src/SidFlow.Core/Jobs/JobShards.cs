namespace SidFlow.Core.Jobs;

/// <summary>
/// Items are spread over a fixed number of shards. A shard's counter row and its items share a table
/// partition, so counting an item and changing it are one atomic transaction, and workers on
/// different shards never contend.
/// </summary>
public static class JobShards
{
    public const int Count = 32;

    /// <summary>FNV-1a: stable across processes and versions (string.GetHashCode is not).</summary>
    public static int Of(string key)
    {
        uint hash = 2166136261;
        foreach (char c in key)
        {
            hash = (hash ^ c) * 16777619;
        }

        return (int)(hash % Count);
    }
}
