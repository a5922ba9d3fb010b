namespace SidFlow.Core.Fetch;

/// <summary>A fetch cannot go on (source unreachable, archive corrupt or unsafe, update script errors); nothing was written.</summary>
public sealed class FetchException(string message, Exception? inner = null) : Exception(message, inner);
