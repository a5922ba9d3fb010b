namespace SidFlow.Core.Jobs;

/// <summary>The guide's priority levels; each has its own work queue, drained highest first.</summary>
public static class JobPriority
{
    public const int Critical = 10;
    public const int High = 5;
    public const int Normal = 1;
    public const int Low = 0;

    public static readonly IReadOnlyList<int> Levels = [Critical, High, Normal, Low];

    public static bool IsValid(int priority) => Levels.Contains(priority);
}
