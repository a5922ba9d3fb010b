namespace SidFlow.Core.Render;

/// <summary>A render mode of the guide's matrix: where, when, with what, into what.</summary>
public sealed record RenderMode(string Location, string Time, string Technology, string Target)
{
    public override string ToString() => $"{Location}+{Time}+{Technology} -> {Target}";
}

/// <summary>A mode as a request gives it: any field may be missing.</summary>
public sealed record RenderModeRequest(string? Location, string? Time, string? Technology, string? Target);
