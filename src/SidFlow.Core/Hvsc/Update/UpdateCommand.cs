namespace SidFlow.Core.Hvsc.Update;

/// <summary>One block of an HVSC update script, with the line it starts on.</summary>
public abstract record UpdateCommand(int Line, string Keyword);

public sealed record DeleteCommand(int Line, string Path) : UpdateCommand(Line, "DELETE");

public sealed record MakeDirectoryCommand(int Line, string Path) : UpdateCommand(Line, "MKDIR");

/// <summary>MOVE (never overwrites) or REPLACE (removes an existing destination first).</summary>
public sealed record MoveCommand(int Line, string Keyword, string Source, string Destination) : UpdateCommand(Line, Keyword)
{
    public bool Replace => Keyword == "REPLACE";
}

/// <summary>A header edit (TITLE, CREDITS, FLAGS, FIXLOAD, ...) of the file at <see cref="Target"/>.</summary>
public sealed record HeaderEditCommand(int Line, string Keyword, string Target, IReadOnlyList<string> Values) : UpdateCommand(Line, Keyword);
