namespace SidFlow.Emulation.Sid;

/// <summary>The only exception <see cref="SidFile.Parse(ReadOnlySpan{byte})"/> throws: a typed, precise reason.</summary>
public sealed class SidFormatException(SidFormatError error, string message) : Exception(message)
{
    public SidFormatError Error { get; } = error;
}
