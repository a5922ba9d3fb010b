namespace SidFlow.Core.Render;

/// <summary>
/// The guide's render matrix, exactly: client real-time WASM (live audio), client real-time HLS
/// (streamed audio), server offline CLI (WAV/M4A/FLAC), Ultimate 64 real-time hardware (WAV/M4A/FLAC).
/// A request is completed from the one row its given fields allow; anything else is refused with
/// the reason and the valid modes closest to what was asked.
/// </summary>
public static class RenderMatrix
{
    public const string Client = "client";
    public const string Server = "server";
    public const string Ultimate64 = "ultimate64";
    public const string RealTime = "real-time";
    public const string Offline = "offline";
    public const string Wasm = "wasm";
    public const string Hls = "hls";
    public const string Cli = "cli";
    public const string Hardware = "hardware";
    public const string Live = "live";
    public const string Streamed = "streamed";

    public static readonly IReadOnlyList<string> FileTargets = ["wav", "m4a", "flac"];

    /// <summary>Every format an asset can have: the file targets, HLS playlists, and the SID itself for WASM players.</summary>
    public static readonly IReadOnlyList<string> AllFormats = [.. FileTargets, "hls", "sid"];

    private sealed record Row(string Location, string Time, string Technology, IReadOnlyList<string> Targets, string UseCase);

    private static readonly Row[] Rows =
    [
        new(Client, RealTime, Wasm, [Live], "live playback"),
        new(Client, RealTime, Hls, [Streamed], "browser streaming (HLS)"),
        new(Server, Offline, Cli, FileTargets, "offline WAV/M4A/FLAC generation"),
        new(Ultimate64, RealTime, Hardware, FileTargets, "archival captures on real hardware"),
    ];

    public static IEnumerable<RenderMode> ValidModes =>
        Rows.SelectMany(r => r.Targets.Select(t => new RenderMode(r.Location, r.Time, r.Technology, t)));

    /// <summary>The complete mode, or the error with details and suggestions.</summary>
    public static (RenderMode? Mode, RenderModeError? Error) Validate(RenderModeRequest? request)
    {
        RenderModeRequest r = Normalize(request ?? new RenderModeRequest(null, null, null, null));
        if (Unknown(r) is { } unknown)
        {
            return (null, Refuse(unknown, r));
        }

        Row[] matching = Rows.Where(row =>
            (r.Location is null || row.Location == r.Location) &&
            (r.Time is null || row.Time == r.Time) &&
            (r.Technology is null || row.Technology == r.Technology) &&
            (r.Target is null || row.Targets.Contains(r.Target))).ToArray();
        if (matching.Length == 1)
        {
            Row row = matching[0];
            return (new RenderMode(row.Location, row.Time, row.Technology, r.Target ?? row.Targets[0]), null);
        }

        if (matching.Length > 1)
        {
            return (null, Refuse("the mode is ambiguous: give location, time, technology and target", r));
        }

        return (null, Refuse(Why(r), r));
    }

    private static RenderModeRequest Normalize(RenderModeRequest r) => new(
        Clean(r.Location) switch { "ultimate 64" or "u64" or "hardware" => Ultimate64, var v => v },
        Clean(r.Time) switch { "realtime" or "real time" or "live" => RealTime, var v => v },
        Clean(r.Technology) switch { "sidplayfp" or "sidplayfp-cli" => Cli, var v => v },
        Clean(r.Target) switch { "live audio" => Live, "streamed audio" or "stream" => Streamed, var v => v });

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToLowerInvariant();

    private static string? Unknown(RenderModeRequest r)
    {
        string[] locations = [Client, Server, Ultimate64], times = [RealTime, Offline], technologies = [Wasm, Hls, Cli, Hardware];
        string[] targets = [Live, Streamed, .. FileTargets];
        return r.Location is { } l && !locations.Contains(l) ? $"unknown location '{l}' (client, server, ultimate64)"
            : r.Time is { } t && !times.Contains(t) ? $"unknown time '{t}' (real-time, offline)"
            : r.Technology is { } tech && !technologies.Contains(tech) ? $"unknown technology '{tech}' (wasm, hls, cli, hardware)"
            : r.Target is { } target && !targets.Contains(target) ? $"unknown target '{target}' (live, streamed, wav, m4a, flac)"
            : null;
    }

    /// <summary>The first rule the request breaks, in the words an operator needs.</summary>
    private static string Why(RenderModeRequest r)
    {
        if (r.Technology == Wasm && r.Time == Offline)
        {
            return "WASM only supports real-time rendering";
        }

        if (r.Technology is Wasm or Hls && r.Location is Server or Ultimate64)
        {
            return $"{r.Technology!.ToUpperInvariant()} plays on the client, not on {(r.Location == Server ? "the server" : "an Ultimate 64")}";
        }

        if (r.Technology == Hls && r.Time == Offline)
        {
            return "HLS streams in real time; for files use server+offline+cli";
        }

        if (r.Technology == Cli && r.Location is Client or Ultimate64)
        {
            return "the sidplayfp CLI runs on the server only";
        }

        if (r.Technology == Cli && r.Time == RealTime)
        {
            return "the sidplayfp CLI renders offline, not in real time";
        }

        if (r.Technology == Hardware && r.Location is Client or Server)
        {
            return "hardware rendering needs an Ultimate 64";
        }

        if (r.Location == Ultimate64 && r.Time == Offline)
        {
            return "an Ultimate 64 plays in real time only (no faster-than-real-time rendering)";
        }

        if (r.Location == Server && r.Time == RealTime)
        {
            return "the server renders offline; real-time playback happens on the client or an Ultimate 64";
        }

        if (r.Location == Client && r.Time == Offline)
        {
            return "the client renders in real time only";
        }

        if (r.Target is Live or Streamed && (r.Technology is Cli or Hardware || r.Location is Server or Ultimate64))
        {
            return $"{r.Target} audio comes from the client (WASM or HLS); the server and the Ultimate 64 produce WAV/M4A/FLAC files";
        }

        if (r.Target is not null && FileTargets.Contains(r.Target))
        {
            return $"{r.Target.ToUpperInvariant()} files come from server+offline+cli or ultimate64+real-time+hardware";
        }

        return "the combination is not in the render matrix";
    }

    private static RenderModeError Refuse(string details, RenderModeRequest r)
    {
        // Closest first: the rows that agree with most of what was asked.
        string[] suggestions = Rows
            .Select(row => (Row: row, Score:
                (row.Location == r.Location ? 1 : 0) + (row.Time == r.Time ? 2 : 0) + (row.Technology == r.Technology ? 2 : 0) +
                (r.Target is not null && row.Targets.Contains(r.Target) ? 2 : 0)))
            .OrderByDescending(x => x.Score)
            .ThenBy(x => Array.IndexOf(Rows, x.Row))
            .Take(2)
            .Select(x => $"Use {x.Row.Location}+{x.Row.Time}+{x.Row.Technology} for {x.Row.UseCase}")
            .ToArray();
        return new RenderModeError("Invalid render mode combination", details, suggestions);
    }
}
