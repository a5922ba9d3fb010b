namespace SidFlow.Core.Jobs;

/// <summary>
/// The fence every item start checks atomically: an item starts only while its job's control says Running,
/// so once a pause or cancel has been written no new item starts.
/// </summary>
public enum JobControl
{
    Running,
    Paused,
    Cancelled,
}
