namespace SidFlow.Core.Jobs;

/// <summary>One unit of work of a job: a key unique within the job (e.g. a path) and an optional small payload.</summary>
public sealed record JobItemSpec(string Key, string? Payload = null);
