using System.Text.Json.Nodes;
using SidFlow.Core.Hvsc;
using SidFlow.Core.Jobs;

namespace SidFlow.Core.Render;

/// <summary>A render job's config: the guide's request body, validated and completed.</summary>
public sealed record RenderJobConfig(
    string SidPath, RenderMode Mode, int? Subtune, bool AllSubtunes, double? Duration, string Quality, bool Recursive, IReadOnlyList<string> Formats, string? Engine)
{
    public const int MaxTop = 100_000;

    /// <summary>The guide's warm-up: render the N most played or liked songs (of <see cref="SidPath"/>, recursively) instead of every song.</summary>
    public int? Top { get; init; }

    /// <summary>Reads the guide's body: <c>sidPath</c>, <c>mode</c>, and <c>options</c> (or the same keys at the top level).</summary>
    public static RenderJobConfig Parse(JsonObject body)
    {
        JsonObject options = body["options"] as JsonObject ?? [];
        JsonNode? Option(string name) => options[name] ?? body[name];

        string rawPath = body["sidPath"] is JsonValue p && p.TryGetValue(out string? s) ? s : throw new JobConfigException("sidPath is required (\"\" for the entire collection)");
        string sidPath = string.Empty;
        if (rawPath.Length > 0 && !HvscPath.TryNormalizeRelative(rawPath, out sidPath, out string? why))
        {
            throw new JobConfigException($"sidPath: {why}");
        }

        JsonObject? modeNode = body["mode"] as JsonObject;
        var request = new RenderModeRequest(Text(modeNode?["location"]), Text(modeNode?["time"]), Text(modeNode?["technology"]), Text(modeNode?["target"]));
        (RenderMode? mode, RenderModeError? error) = RenderMatrix.Validate(modeNode is null ? new RenderModeRequest("server", "offline", "cli", null) : request);
        if (error is not null)
        {
            throw new RenderModeException(error);
        }

        int? subtune = Number(Option("subtune"), "subtune", 1, 256);
        double? duration = Option("duration") switch
        {
            null => null,
            var v when JsonConfig.TryGetDouble(v, out double d) && d > 0 && d <= 3600 => d,
            _ => throw new JobConfigException("duration must be seconds, more than 0 and at most 3600"),
        };
        string quality = Text(Option("quality")) ?? "high";
        if (!RenderQuality.KilobitsPerSecond.ContainsKey(quality))
        {
            throw new JobConfigException($"quality must be low, medium or high, not '{quality}'");
        }

        IReadOnlyList<string> allowed = AllowedFormats(mode!);
        IReadOnlyList<string> formats = Option("formats") is JsonArray list
            ? list.Select(f => Text(f) ?? throw new JobConfigException("formats must be strings")).Distinct().ToArray()
            : DefaultFormats(mode!);
        string? bad = formats.FirstOrDefault(f => !allowed.Contains(f));
        if (bad is not null || formats.Count == 0 && allowed.Count > 0)
        {
            throw new JobConfigException($"{mode!.Technology} produces {string.Join(", ", allowed)}; '{bad}' is not one of them");
        }

        int? top = Number(Option("top"), "top", 1, MaxTop);
        if (top is not null && (subtune is not null || Flag(Option("allSubtunes"))))
        {
            throw new JobConfigException("top picks the songs itself: leave out subtune and allSubtunes");
        }

        return new RenderJobConfig(sidPath, mode!, subtune, Flag(Option("allSubtunes")), duration, quality.ToLowerInvariant(), Flag(Option("recursive")) || top is not null, formats, Text(Option("engine")))
        {
            Top = top,
        };
    }

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["sidPath"] = SidPath,
            ["mode"] = new JsonObject { ["location"] = Mode.Location, ["time"] = Mode.Time, ["technology"] = Mode.Technology, ["target"] = Mode.Target },
            ["quality"] = Quality,
            ["recursive"] = Recursive,
            ["allSubtunes"] = AllSubtunes,
            ["formats"] = new JsonArray(Formats.Select(f => (JsonNode)f).ToArray()),
        };
        if (Subtune is not null)
        {
            json["subtune"] = Subtune;
        }

        if (Duration is not null)
        {
            json["duration"] = Duration;
        }

        if (Engine is not null)
        {
            json["engine"] = Engine;
        }

        if (Top is not null)
        {
            json["top"] = Top;
        }

        return json;
    }

    public static IReadOnlyList<string> AllowedFormats(RenderMode mode) => mode.Technology switch
    {
        RenderMatrix.Wasm => ["sid"],
        RenderMatrix.Hls => ["hls"],
        _ => RenderMatrix.FileTargets,
    };

    private static IReadOnlyList<string> DefaultFormats(RenderMode mode) => mode.Technology switch
    {
        RenderMatrix.Wasm => ["sid"],
        RenderMatrix.Hls => ["hls"],
        _ => [mode.Target],
    };

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? s) && !string.IsNullOrWhiteSpace(s) ? s.Trim().ToLowerInvariant() : null;

    private static bool Flag(JsonNode? node) => node is JsonValue v && v.TryGetValue(out bool b) && b;

    private static int? Number(JsonNode? node, string name, int min, int max) => node switch
    {
        null => null,
        var v when JsonConfig.TryGetInt(v, out int i) && i >= min && i <= max => i,
        _ => throw new JobConfigException($"{name} must be a whole number {min}..{max}"),
    };
}
