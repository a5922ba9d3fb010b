namespace SidFlow.Core.Jobs;

/// <summary>
/// An item that no retry can help (a file that is not a SID, a file that does not exist): it fails at
/// once with this message instead of using up its attempts.
/// </summary>
public class PermanentItemFailureException(string message, Exception? inner = null) : Exception(message, inner);
