namespace SidFlow.Core.Jobs;

/// <summary>One item as a run hands it to its job type: its place in the job's item list, its key and payload, and which attempt this is (1 for the first).</summary>
public sealed record JobItem(long Index, string Key, string? Payload, int Attempt);
