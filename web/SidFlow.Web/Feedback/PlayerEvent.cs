using System.Text.Json.Serialization;

namespace SidFlow.Web.Feedback;

/// <summary>One feedback event as POST /api/feedback/batch takes it; the event id makes a resend count once.</summary>
public sealed record PlayerEvent
{
    public required Guid EventId { get; init; }
    public required string Listener { get; init; }
    public required string SidPath { get; init; }
    public required int Subtune { get; init; }

    /// <summary>rate, like, dislike, play, play_complete, replay or skip.</summary>
    public required string Action { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SongRatings? Ratings { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? PositionSeconds { get; init; }

    public required DateTimeOffset At { get; init; }
}

/// <summary>A listener's 1..5 ratings of energy, mood and complexity; any may be left out.</summary>
public sealed record SongRatings(
    [property: JsonPropertyName("e"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Energy,
    [property: JsonPropertyName("m"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Mood,
    [property: JsonPropertyName("c"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Complexity);
