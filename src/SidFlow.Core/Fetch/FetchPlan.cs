namespace SidFlow.Core.Fetch;

/// <summary>
/// The complete change a fetch makes, computed before anything is written and kept until it is applied:
/// every new or changed file (its bytes already staged), every file removed, and the record written last.
/// Applying it again after a crash gives the same collection.
/// </summary>
public sealed record FetchPlan
{
    public required string PlanId { get; init; }
    public required string JobId { get; init; }
    public required long CreatedAt { get; init; }
    public required HvscVersionRecord Target { get; init; }
    public required IReadOnlyList<PlannedPut> Puts { get; init; }
    public required IReadOnlyList<string> Deletes { get; init; }
    public required string Summary { get; init; }

    public const string PutPrefix = "put:";
    public const string DeletePrefix = "del:";
}

public sealed record PlannedPut(string Path, string Blob, string Md5, long Size);
