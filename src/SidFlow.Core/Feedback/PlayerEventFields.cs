using System.Globalization;
using System.Text.Json.Nodes;
using SidFlow.Core.Hvsc;

namespace SidFlow.Core.Feedback;

/// <summary>
/// The fields every player event shares (feedback and playback reports): each read and checked the same way, a
/// bad one named with its path (<paramref name="field"/> prefixes it, e.g. <c>events[3].</c>).
/// </summary>
public static class PlayerEventFields
{
    public const int MaxListenerLength = 200;
    private static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    /// <summary>The first property of <paramref name="o"/> that is not one of <paramref name="known"/>, refused.</summary>
    public static void RefuseUnknown(JsonObject o, IReadOnlySet<string> known, string field, string what)
    {
        if (o.Select(p => p.Key).FirstOrDefault(k => !known.Contains(k)) is { } unknown)
        {
            throw new FeedbackValidationException(field + unknown, $"is not a field of {what}");
        }
    }

    public static string Listener(JsonObject o, string field) =>
        Text(o, "listener", field) is { Length: > 0 and <= MaxListenerLength } l && !string.IsNullOrWhiteSpace(l)
            ? l
            : throw new FeedbackValidationException(field + "listener", $"must be a non-empty id of at most {MaxListenerLength} characters");

    public static string SidPath(JsonObject o, string field) =>
        HvscPath.TryNormalizeRelative(Text(o, "sidPath", field), out string normalized, out string? why) && normalized.Length > 0
            ? normalized
            : throw new FeedbackValidationException(field + "sidPath", why ?? "must be an HVSC path");

    public static int Subtune(JsonObject o, string field) => o["subtune"] is null ? 1
        : Jobs.JsonConfig.TryGetInt(o["subtune"], out int s) && s is >= 1 and <= 256 ? s
        : throw new FeedbackValidationException(field + "subtune", "must be a song number 1..256");

    /// <summary><c>at</c>: an ISO 8601 time, at most five minutes ahead of <paramref name="now"/> (clocks differ), in UTC.</summary>
    public static DateTimeOffset At(JsonObject o, string field, DateTimeOffset now)
    {
        DateTimeOffset at = Text(o, "at", field) is { } t && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out DateTimeOffset when)
            ? when
            : throw new FeedbackValidationException(field + "at", "must be an ISO 8601 time");
        return at > now + FutureTolerance ? throw new FeedbackValidationException(field + "at", "is in the future") : at.ToUniversalTime();
    }

    public static string? Text(JsonObject o, string name, string field) => o[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue(out string? s) => s,
        _ => throw new FeedbackValidationException(field + name, "must be a string"),
    };
}
