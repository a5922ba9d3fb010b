using System.CommandLine;
using System.Text.Json.Nodes;
using SidFlow.Core.Jobs;
using SidFlow.Core.Render;

namespace SidFlow.Local.Cli;

/// <summary><c>./sidflow render PATH [--formats wav,m4a,flac] [--subtune N] [--duration S]</c> or <c>render --top N</c>: a render job with a progress bar.</summary>
public static class RenderCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A SID file or folder of the collection, e.g. MUSICIANS/H/Hubbard_Rob (with --top: where to pick from; default the whole collection)", DefaultValueFactory = _ => string.Empty };
        var top = new Option<int?>("--top") { Description = "Warm-up: the N most played or liked songs (catalog order until there is feedback)" };
        var formats = new Option<string>("--formats") { Description = "Comma-separated: wav, m4a, flac (server) ", DefaultValueFactory = _ => "wav" };
        var subtune = new Option<int?>("--subtune") { Description = "Song number (default: each file's start song)" };
        var allSubtunes = new Option<bool>("--all-subtunes") { Description = "Every song of each file" };
        var duration = new Option<double?>("--duration") { Description = "Seconds (default: the song-length database, else render.defaultDurationSec)" };
        var quality = new Option<string>("--quality") { Description = "low, medium or high (AAC 96/160/256 kbit/s)", DefaultValueFactory = _ => "high" };
        var recursive = new Option<bool>("--recursive") { Description = "Include sub-folders" };
        var engine = new Option<string?>("--engine") { Description = "Engine to use instead of render.preferredEngines" };
        var command = new Command("render", "Render songs of the collection to audio files") { path, formats, subtune, allSubtunes, duration, quality, recursive, engine, top };
        command.SetAction(async (parse, ct) =>
        {
            var config = new JsonObject
            {
                ["sidPath"] = parse.GetValue(path),
                ["mode"] = new JsonObject { ["location"] = "server", ["time"] = "offline", ["technology"] = "cli" },
                ["options"] = new JsonObject
                {
                    ["formats"] = new JsonArray(parse.GetValue(formats)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(f => (JsonNode)f).ToArray()),
                    ["quality"] = parse.GetValue(quality),
                    ["recursive"] = parse.GetValue(recursive),
                    ["allSubtunes"] = parse.GetValue(allSubtunes),
                },
            };
            if (parse.GetValue(subtune) is int s)
            {
                config["options"]!["subtune"] = s;
            }

            if (parse.GetValue(duration) is double d)
            {
                config["options"]!["duration"] = d;
            }

            if (parse.GetValue(top) is int n)
            {
                config["options"]!["top"] = n;
            }
            else if (string.IsNullOrEmpty(parse.GetValue(path)))
            {
                Console.Error.WriteLine("render needs a PATH, or --top N for the most played songs");
                return 2;
            }

            if (parse.GetValue(engine) is { } e)
            {
                config["options"]!["engine"] = e;
            }

            await using AppSession session = await AppSession.OpenAsync(LogLevel.Warning, ct);
            await using EngineSession engineSession = await EngineSession.StartAsync(session, ct);
            try
            {
                JobRecord job = await CliAudit.SubmitAsync(engineSession.Jobs, engineSession.Services, "render", config, "cli", ct);
                return await JobFollower.FollowAsync(engineSession.Jobs, job.Id, ct);
            }
            catch (Exception ex) when (ex is JobConfigException or RenderModeException)
            {
                Console.Error.WriteLine(ex.Message);
                return 2;
            }
        });
        return command;
    }
}
