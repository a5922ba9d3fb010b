using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SidFlow.Core.Catalog;
using SidFlow.Core.Jobs;

namespace SidFlow.Core.Render;

/// <summary>
/// The <c>render</c> job: one item per song (<c>path#subtune</c>) of a file or a folder (recursively on
/// request), each rendered by <see cref="SongRenderService"/>. CPU-bound items run at most
/// <c>threads</c> at a time per instance; hardware renders are handed to the edge agent, at most
/// <c>render.ultimate64.maxConcurrent</c> at once, and the run waits for each answer.
/// </summary>
public sealed class RenderJobType(SongRenderService renderer, ICatalogStore catalog, PopularSongs popular, RenderEngineSelector engines, AudioEncoder encoder, IOptions<RenderOptions> options) : JobType
{
    public const string TypeName = "render";

    public override string Name => TypeName;

    public override bool CountsFiles => true;

    public override string DescribeItem(string key) => $"Rendering {SongKey.Parse(key).Path}";

    public override JsonObject NormalizeConfig(JsonObject config)
    {
        RenderJobConfig parsed = RenderJobConfig.Parse(config);
        RefuseWhatThisServerCannotDo(parsed);
        JsonObject normalized = parsed.ToJson();
        if (config["threads"] is JsonValue t && t.TryGetValue(out int threads))
        {
            normalized["threads"] = threads is >= 1 and <= 256 ? threads : throw new JobConfigException("threads must be 1..256");
        }

        return normalized;
    }

    /// <summary>Hardware renders only send a request (the agent does the work), so only their window is limited (<see cref="MaxInFlight"/>).</summary>
    public override int? MaxParallelItems(JsonObject config) =>
        IsHardware(config) ? null : config["threads"]?.GetValue<int>() ?? Environment.ProcessorCount;

    public override async IAsyncEnumerable<JobItemSpec> EnumerateAsync(JobContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        RenderJobConfig config = RenderJobConfig.Parse(context.Config);
        if (config.Top is int top)
        {
            IReadOnlyList<string> songs = await popular.TopAsync(SongsAsync(config, cancellationToken), top, cancellationToken);
            context.Log($"warm-up: the {songs.Count} most played or liked songs (of {top} asked)");
            foreach (string key in songs)
            {
                yield return new JobItemSpec(key);
            }

            yield break;
        }

        int count = 0;
        await foreach (CatalogEntry entry in SongsAsync(config, cancellationToken))
        {
            IEnumerable<int> subtunes = config.Subtune is int s ? [s]
                : config.AllSubtunes ? Enumerable.Range(1, Math.Max(1, entry.Songs))
                : [Math.Max(1, entry.StartSong)];
            foreach (int subtune in subtunes)
            {
                count++;
                yield return new JobItemSpec(SongKey.Format(entry.Path, subtune));
            }
        }

        if (count == 0)
        {
            context.Warn($"nothing to render at {config.SidPath}");
        }
    }

    public override async Task RunItemAsync(JobItemContext context, CancellationToken cancellationToken)
    {
        (string path, int subtune) = SongKey.Parse(context.Key);
        string keyHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(context.Key)))[..12];
        string requestId = $"{context.Job.Id}-{keyHash}-{context.Attempt}";
        RenderJobConfig config = RenderJobConfig.Parse(context.Config);
        if (config.Mode.Technology != RenderMatrix.Hardware)
        {
            await renderer.RenderAsync(path, subtune, config, cancellationToken);
            return;
        }

        // The run waits for the agent's answer as a Durable event, holding no worker while the device plays.
        DateTimeOffset due = await renderer.SendToHardwareAsync(path, subtune, config, requestId, context.ReplyTo, cancellationToken);
        context.HandOffUntil(HardwareRenderRequest.AnswerEventOf(requestId), due,
            $"no Ultimate 64 edge agent answered within {options.Value.Ultimate64.Timeout / 1000.0:0.#} s (request {requestId} on the render-u64 queue)");
    }

    /// <summary>Hardware renders: no more requests out at once than the agents take (<c>maxConcurrent</c>), so none waits out its timeout in the queue.</summary>
    public override int? MaxInFlight(JsonObject config) =>
        IsHardware(config) ? Math.Max(1, options.Value.Ultimate64.MaxConcurrent) : null;

    private static bool IsHardware(JsonObject config) => config["mode"]?["technology"]?.GetValue<string>() == RenderMatrix.Hardware;

    /// <summary>A server render whose engine or encoder is not installed here is refused at once, with the reason.</summary>
    private void RefuseWhatThisServerCannotDo(RenderJobConfig config)
    {
        if (config.Mode.Technology != RenderMatrix.Cli)
        {
            return;
        }

        if (config.Engine is { } named && engines.Find(named) is null)
        {
            throw new JobConfigException($"options.engine: no render engine '{named}' on this server (have: {string.Join(", ", engines.Names)})");
        }

        if (engines.ForServer(config.Engine).Unavailable is { } engine)
        {
            throw new JobConfigException($"{engine}: ask for the emu engine (options.engine), or render on a server that has it");
        }

        if (config.Formats.Any(f => f != "wav") && encoder.Unavailable is { } ffmpeg)
        {
            throw new JobConfigException($"{ffmpeg}: only wav can be rendered here");
        }
    }

    /// <summary>The catalogued SID files at a path: the file itself, or a folder's files (its sub-folders too when recursive).</summary>
    public async IAsyncEnumerable<CatalogEntry> SongsAsync(RenderJobConfig config, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (config.SidPath.Length > 0 && await catalog.GetAsync(config.SidPath, cancellationToken) is { } single)
        {
            yield return single;
            yield break;
        }

        // An empty path is the entire collection.
        string prefix = config.SidPath.Length == 0 ? string.Empty : config.SidPath.TrimEnd('/') + "/";
        await foreach (CatalogEntry entry in catalog.ListAsync(prefix.Length == 0 ? null : prefix, cancellationToken))
        {
            if (config.Recursive || !entry.Path[prefix.Length..].Contains('/'))
            {
                yield return entry;
            }
        }
    }
}

/// <summary>Item keys of song jobs: <c>path#subtune</c>.</summary>
public static class SongKey
{
    public static string Format(string path, int subtune) => $"{path}#{subtune.ToString(CultureInfo.InvariantCulture)}";

    public static (string Path, int Subtune) Parse(string key)
    {
        int hash = key.LastIndexOf('#');
        return hash > 0 && int.TryParse(key.AsSpan(hash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int subtune)
            ? (key[..hash], subtune)
            : (key, 1);
    }
}
