namespace SidFlow.Core.Jobs;

public sealed class JobNotFoundException(string id) : Exception($"no job '{id}'")
{
    public string JobId { get; } = id;
}

/// <summary>A control that the job's state does not allow (the API answers 409 with the reason).</summary>
public sealed class JobTransitionException(string message) : Exception(message);

/// <summary>A job type of the guide that this build does not provide yet (the API answers 501).</summary>
public sealed class JobTypeUnavailableException(string type)
    : Exception($"job type '{type}' is not available in this version of SidFlow")
{
    public string JobType { get; } = type;
}
