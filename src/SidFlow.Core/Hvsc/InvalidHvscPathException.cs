namespace SidFlow.Core.Hvsc;

public sealed class InvalidHvscPathException(string path, string reason)
    : Exception($"invalid collection path '{path}': {reason}")
{
    public string Path { get; } = path;
    public string Reason { get; } = reason;
}
