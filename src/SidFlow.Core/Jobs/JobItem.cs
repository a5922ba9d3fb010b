namespace SidFlow.Core.Jobs;

/// <summary>An item's checkpoint: its status, attempts and last error.</summary>
public sealed record JobItem(string Key, int Shard, JobItemStatus Status, int Attempts, string? LastError, string? Payload);
