using System.Text.Json.Serialization;

namespace SidFlow.Core.Render;

/// <summary>The guide's 400 body for a mode outside the matrix: error, details, suggestions.</summary>
public sealed record RenderModeError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("details")] string Details,
    [property: JsonPropertyName("suggestions")] IReadOnlyList<string> Suggestions);
