using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using SidFlow.Core.Feedback;

namespace SidFlow.Core.Telemetry;

/// <summary>
/// What a player reports about playback: a <c>session</c> (a song started playing, with how it was played) or a
/// <c>failure</c> (it could not play, with why). Stored anonymised: the listener as its salted hash, no address.
/// </summary>
public sealed record PlaybackReport(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("listener")] string Listener,
    [property: JsonPropertyName("sidPath")] string SidPath,
    [property: JsonPropertyName("subtune")] int Subtune,
    [property: JsonPropertyName("engine")] string? Engine,
    [property: JsonPropertyName("seconds")] double? Seconds,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("at")] DateTimeOffset At)
{
    public const string Session = "session";
    public const string Failure = "failure";
    public const int MaxBatch = 100;
    private const int MaxError = 500;
    private static readonly HashSet<string> Fields = ["kind", "listener", "sidPath", "subtune", "engine", "seconds", "error", "at"];
    private static readonly HashSet<string> Engines = ["wasm", "hls", "m4a", "wav", "flac", "ultimate64"];

    /// <summary>Reads one report; <paramref name="field"/> prefixes the names of bad fields (<c>events[2].</c>).</summary>
    public static PlaybackReport Parse(JsonNode? node, string field, DateTimeOffset now)
    {
        if (node is not JsonObject o)
        {
            throw new FeedbackValidationException(field.TrimEnd('.'), "must be a JSON object");
        }

        PlayerEventFields.RefuseUnknown(o, Fields, field, "a playback report");
        string kind = Text(o, "kind", field) is (Session or Failure) and var k ? k : throw new FeedbackValidationException(field + "kind", "must be session or failure");
        string listener = PlayerEventFields.Listener(o, field);
        string path = PlayerEventFields.SidPath(o, field);
        int subtune = PlayerEventFields.Subtune(o, field);
        string? engine = o["engine"] is null ? null
            : Text(o, "engine", field) is { } e && Engines.Contains(e) ? e
            : throw new FeedbackValidationException(field + "engine", $"must be one of {string.Join(", ", Engines.Order(StringComparer.Ordinal))}");
        double? seconds = o["seconds"] is null ? null
            : Jobs.JsonConfig.TryGetDouble(o["seconds"], out double d) && d is >= 0 and <= 86_400 ? d
            : throw new FeedbackValidationException(field + "seconds", "must be seconds, 0..86400");
        string? error = Text(o, "error", field) is { } text ? text.Length <= MaxError ? text : throw new FeedbackValidationException(field + "error", $"must be at most {MaxError} characters") : null;
        if (kind == Failure && error is null)
        {
            throw new FeedbackValidationException(field + "error", "is required for a failure: say what went wrong");
        }

        DateTimeOffset at = PlayerEventFields.At(o, field, now);
        return new PlaybackReport(kind, listener, path, subtune, engine, seconds, error, at);
    }

    private static string? Text(JsonObject o, string name, string field) => PlayerEventFields.Text(o, name, field);
}

/// <summary>Playback in a window: sessions started and failures reported.</summary>
public sealed record PlaybackCounts(long Sessions, long Failures)
{
    public double FailureRate => Sessions + Failures == 0 ? 0 : (double)Failures / (Sessions + Failures);
}

/// <summary>Playback reports, append-only by the hour they arrived.</summary>
public interface ITelemetryStore
{
    Task AppendAsync(IReadOnlyList<PlaybackReport> reports, DateTimeOffset receivedAt, CancellationToken cancellationToken);

    /// <summary>Sessions and failures received since a time (read from the hours it covers).</summary>
    Task<PlaybackCounts> CountSinceAsync(DateTimeOffset since, CancellationToken cancellationToken);
}
