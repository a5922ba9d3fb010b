namespace SidFlow.Core.Hvsc.Update;

/// <summary>One error as the official tool logs it in ErrorsNN.hvs: <c>Line n, KEYWORD: message</c>.</summary>
public sealed record UpdateError(int Line, string Keyword, string Message)
{
    public override string ToString() => $"Line {Line}, {Keyword}: {Message}";
}
