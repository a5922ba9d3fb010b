using System.CommandLine;
using SidFlow.Core.Classification;
using SidFlow.Core.Hvsc;
using SidFlow.Core.Render;

namespace SidFlow.Local.Cli;

/// <summary><c>./sidflow cache clear</c>: rendered assets (by path, age, format) and classifications.</summary>
public static class CacheCommand
{
    public static Command Create()
    {
        var path = new Option<string?>("--path") { Description = "Only this file or folder" };
        var formats = new Option<string?>("--formats") { Description = $"Only these formats, comma-separated ({string.Join(", ", RenderMatrix.AllFormats)}); --formats wav clears the WAV cache" };
        var olderThan = new Option<double?>("--older-than-days") { Description = "Only assets rendered more than N days ago" };
        var classifications = new Option<bool>("--classifications") { Description = "Clear classifications instead (the next classify job redoes them)" };
        var clear = new Command("clear", "Remove rendered assets (rows and blobs) or classifications") { path, formats, olderThan, classifications };
        clear.SetAction(async (parse, ct) =>
        {
            string? raw = parse.GetValue(path);
            string normalized = string.Empty;
            if (raw is not null && !HvscPath.TryNormalizeRelative(raw, out normalized, out string? why))
            {
                Console.Error.WriteLine($"--path: {why}");
                return 2;
            }

            HashSet<string>? only = parse.GetValue(formats)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            if (only?.FirstOrDefault(f => !RenderMatrix.AllFormats.Contains(f)) is { } unknown)
            {
                Console.Error.WriteLine($"--formats: '{unknown}' is not one of {string.Join(", ", RenderMatrix.AllFormats)}");
                return 2;
            }

            await using AppSession session = await AppSession.OpenAsync(LogLevel.Warning, ct);
            await using EngineSession client = await EngineSession.StartAsync(session, ct, runEngine: false);
            if (parse.GetValue(classifications))
            {
                long removed = await client.Services.GetRequiredService<IClassificationStore>().DeleteAsync(normalized, ct);
                await CliAudit.RecordAsync(client.Services, "classifications.clear", new System.Text.Json.Nodes.JsonObject { ["sidPath"] = normalized, ["removed"] = removed }, true, ct);
                Console.WriteLine($"Removed {removed:N0} classifications{(normalized.Length > 0 ? $" under {normalized}" : string.Empty)}; ./sidflow classify redoes them");
                return 0;
            }

            (int count, long bytes) = await client.Services.GetRequiredService<RenderCache>()
                .InvalidateAsync(new RenderCacheFilter(raw is null ? null : normalized, parse.GetValue(olderThan), only), ct);
            await CliAudit.RecordAsync(client.Services, "cache.invalidate", new System.Text.Json.Nodes.JsonObject
            {
                ["sidPath"] = raw is null ? null : normalized, ["formats"] = only is null ? null : string.Join(",", only), ["removed"] = count, ["bytes"] = bytes,
            }, true, ct);
            Console.WriteLine($"Removed {count:N0} rendered assets, {bytes:N0} bytes");
            return 0;
        });
        var cache = new Command("cache", "Manage the render cache and classifications");
        cache.Subcommands.Add(clear);
        return cache;
    }
}
