namespace SidFlow.Core.Jobs;

public enum JobItemStatus
{
    Pending,
    Running,
    Done,
    Failed,
}
