namespace SidFlow.Core.Render;

/// <summary>A render mode outside the matrix; the API answers 400 with <see cref="Error"/> as the body.</summary>
public sealed class RenderModeException(RenderModeError error) : Exception($"{error.Error}: {error.Details}")
{
    public RenderModeError Error { get; } = error;
}
