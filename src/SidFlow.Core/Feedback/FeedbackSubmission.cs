using System.Text.Json;
using System.Text.Json.Nodes;

namespace SidFlow.Core.Feedback;

/// <summary>An event as a player sends it, validated: every field checked, the first bad one named.</summary>
public sealed record FeedbackSubmission(Guid EventId, string Listener, string SidPath, int Subtune, FeedbackAction Action, GivenRatings? Ratings, double? PositionSeconds, DateTimeOffset At)
{
    private static readonly HashSet<string> Fields = ["eventId", "listener", "sidPath", "subtune", "action", "ratings", "at", "positionSeconds"];
    private static readonly Dictionary<string, FeedbackAction> Actions = Enum.GetValues<FeedbackAction>()
        .ToDictionary(a => JsonSerializer.Serialize(a).Trim('"'), a => a, StringComparer.Ordinal);

    /// <summary>The event as stored: the listener replaced by its salted hash.</summary>
    public FeedbackEvent ToEvent(string listenerHash, DateTimeOffset receivedAt) => new()
    {
        EventId = EventId,
        Listener = listenerHash,
        SidPath = SidPath,
        Subtune = Subtune,
        Action = Action,
        Ratings = Ratings,
        PositionSeconds = PositionSeconds,
        At = At,
        ReceivedAt = receivedAt,
    };

    /// <summary>Reads one event; <paramref name="field"/> prefixes the field names of errors (e.g. <c>events[3].</c>).</summary>
    public static FeedbackSubmission Parse(JsonNode? node, string field, DateTimeOffset now)
    {
        if (node is not JsonObject o)
        {
            throw new FeedbackValidationException(field.TrimEnd('.'), "must be a JSON object");
        }

        PlayerEventFields.RefuseUnknown(o, Fields, field, "a feedback event");
        Guid eventId = Text(o, "eventId", field) is { } id && Guid.TryParse(id, out Guid g) && g != Guid.Empty
            ? g
            : throw new FeedbackValidationException(field + "eventId", "must be a UUID made by the client");
        string listener = PlayerEventFields.Listener(o, field);
        string path = PlayerEventFields.SidPath(o, field);
        int subtune = PlayerEventFields.Subtune(o, field);
        FeedbackAction action = Text(o, "action", field) is { } a && Actions.TryGetValue(a, out FeedbackAction parsed)
            ? parsed
            : throw new FeedbackValidationException(field + "action", $"must be one of {string.Join(", ", Actions.Keys)}");
        GivenRatings? ratings = ParseRatings(o["ratings"], action, field + "ratings");
        double? position = o["positionSeconds"] switch
        {
            null => null,
            var p when action == FeedbackAction.Skip && Jobs.JsonConfig.TryGetDouble(p, out double d) && d is >= 0 and <= 86_400 => d,
            _ when action != FeedbackAction.Skip => throw new FeedbackValidationException(field + "positionSeconds", "belongs to skip events only"),
            _ => throw new FeedbackValidationException(field + "positionSeconds", "must be seconds, 0 or more"),
        };
        DateTimeOffset at = PlayerEventFields.At(o, field, now);

        return new FeedbackSubmission(eventId, listener, path, subtune, action, ratings, position, at);
    }

    private static GivenRatings? ParseRatings(JsonNode? node, FeedbackAction action, string field)
    {
        if (action != FeedbackAction.Rate)
        {
            return node is null ? null : throw new FeedbackValidationException(field, "belong to rate events only");
        }

        if (node is not JsonObject r || r.Count == 0)
        {
            throw new FeedbackValidationException(field, "a rate event needs {\"e\", \"m\", \"c\"} (any of them, each 1..5)");
        }

        if (r.Select(p => p.Key).FirstOrDefault(k => k is not ("e" or "m" or "c")) is { } unknown)
        {
            throw new FeedbackValidationException($"{field}.{unknown}", "is not a rating (e, m or c)");
        }

        int? One(string name) => r[name] switch
        {
            null => null,
            var v when Jobs.JsonConfig.TryGetInt(v, out int n) && n is >= 1 and <= 5 => n,
            _ => throw new FeedbackValidationException($"{field}.{name}", "must be a whole number 1..5"),
        };
        return new GivenRatings(One("e"), One("m"), One("c"));
    }

    private static string? Text(JsonObject o, string name, string field) => PlayerEventFields.Text(o, name, field);
}

/// <summary>A feedback field that cannot be used; the API answers 400 naming it.</summary>
public sealed class FeedbackValidationException(string field, string problem) : Exception($"{field} {problem}")
{
    public string Field { get; } = field;
}

/// <summary>Feedback about a song that is not in the catalog (the API answers 404).</summary>
public sealed class UnknownSongException(string song) : Exception($"no song {song} in the catalog")
{
    public string Song { get; } = song;
}
