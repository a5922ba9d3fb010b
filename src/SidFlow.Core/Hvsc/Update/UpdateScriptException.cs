namespace SidFlow.Core.Hvsc.Update;

/// <summary>A script line the applier does not understand: the update fails with its line number; nothing is skipped silently.</summary>
public sealed class UpdateScriptException(string script, int line, string message)
    : Exception($"{script} line {line}: {message}")
{
    public string Script { get; } = script;
    public int LineNumber { get; } = line;
}
