namespace SidFlow.Core.Hvsc.Update;

/// <summary>The tool's "Problem writing new sidtune info": the edit is refused and the file stays as it was.</summary>
public sealed class HeaderEditRefusedException(string message) : Exception(message);
