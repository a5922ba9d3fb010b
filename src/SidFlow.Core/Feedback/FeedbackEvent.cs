using System.Text.Json.Serialization;

namespace SidFlow.Core.Feedback;

/// <summary>What a listener did with a song, as stored (one JSON line in <c>feedback/yyyy/MM/dd.jsonl</c>): the listener only as a salted hash.</summary>
public sealed record FeedbackEvent
{
    public required Guid EventId { get; init; }
    public required string Listener { get; init; }
    public required string SidPath { get; init; }
    public required int Subtune { get; init; }
    public required FeedbackAction Action { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public GivenRatings? Ratings { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? PositionSeconds { get; init; }

    public required DateTimeOffset At { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }

    public string SongKey => $"{SidPath}#{Subtune.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}

/// <summary>Explicit ratings, any subset of energy, mood and complexity, each 1..5.</summary>
public sealed record GivenRatings(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? E,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? M,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? C);

[JsonConverter(typeof(JsonStringEnumConverter<FeedbackAction>))]
public enum FeedbackAction
{
    [JsonStringEnumMemberName("rate")] Rate,
    [JsonStringEnumMemberName("like")] Like,
    [JsonStringEnumMemberName("dislike")] Dislike,
    [JsonStringEnumMemberName("play")] Play,
    [JsonStringEnumMemberName("play_complete")] PlayComplete,
    [JsonStringEnumMemberName("replay")] Replay,
    [JsonStringEnumMemberName("skip")] Skip,
}
