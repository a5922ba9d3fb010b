using System.Text.Json.Serialization;
using System.Text.Json.Nodes;
using SidFlow.Core.Catalog;
using SidFlow.Core.Hvsc;
using SidFlow.Core.Jobs;
using SidFlow.Core.Render;
using SidFlow.Api.Http;
using SidFlow.Api.Jobs;
using SidFlow.Api.Problems;
using SidFlow.Api.Security;
using SidFlow.Pipeline.Jobs;

namespace SidFlow.Api.Render;

/// <summary><c>POST /api/admin/render</c> and the availability endpoints of the guide's "Render Asset Management".</summary>
public static class RenderApi
{
    public static IEndpointRouteBuilder MapRenderApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/admin/render", StartRender).WithName(nameof(StartRender)).WithTags("Render").RequireAdminToken()
            .WithSummary("Render a SID file or folder in a mode of the render matrix; 400 with error/details/suggestions for other modes")
            .Accepts<JsonObject>("application/json")
            .Produces<RenderModeError>(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        routes.MapPost("/api/availability/check", CheckAvailability).WithName(nameof(CheckAvailability)).WithTags("Render").RequireAdminToken()
            .WithSummary("Which formats of a SID (its start song, or \"subtune\") are rendered")
            .Accepts<JsonObject>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        routes.MapDelete("/api/availability/invalidate", InvalidateAvailability).WithName(nameof(InvalidateAvailability)).WithTags("Render").RequireAdminToken()
            .WithSummary("Remove rendered assets (rows and blobs): of a SID or folder (sidPath), older than N days (olderThanDays), of some formats (formats; [\"wav\"] clears the WAV cache), any together")
            .Accepts<JsonObject>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return routes;
    }

    public static async Task<Results<Accepted<JobAccepted>, ProblemHttpResult>> StartRender(HttpRequest request, int? priority, JobService jobs, RenderJobType renderType, CancellationToken cancellationToken)
    {
        JsonObject body = await RequestJson.ReadOptionalObjectAsync(request, cancellationToken) ?? throw new BadHttpRequestException("send the render request as a JSON object");
        RenderJobConfig config = RenderJobConfig.Parse(body);
        if (!await renderType.SongsAsync(config, cancellationToken).AnyAsync(cancellationToken))
        {
            return ApiProblems.NotFound($"no catalogued SID file at '{config.SidPath}'");
        }

        return await JobSubmissionApi.SubmitAsync("render", request, priority, jobs, cancellationToken, body);
    }

    public static async Task<Ok<AvailabilityAnswer>> CheckAvailability(HttpRequest request, IAvailabilityStore availability, ICatalogStore catalog, CancellationToken cancellationToken)
    {
        JsonObject body = await RequestJson.ReadOptionalObjectAsync(request, cancellationToken) ?? throw new BadHttpRequestException("send {\"sidPath\": ...}");
        string path = RequirePath(body);
        int? subtune = body["subtune"] is JsonValue v && v.TryGetValue(out int s) ? s : null;
        int song = subtune ?? (await catalog.GetAsync(path, cancellationToken))?.StartSong ?? 1;
        RenderAsset[] assets = (await availability.ListForAsync(path, cancellationToken)).Where(a => a.Subtune == song).ToArray();
        var formats = assets.GroupBy(a => a.Format).ToDictionary(g => g.Key, g =>
        {
            RenderAsset a = g.OrderByDescending(x => x.RenderedAt).First();
            return new AssetAvailability(a.Size, a.Duration, a.Bitrate, a.RenderedAt, a.Renderer, a.Blob) { PacketLoss = a.PacketLoss, Device = a.Device };
        });
        return TypedResults.Ok(new AvailabilityAnswer(formats.Count > 0, song, formats));
    }

    public static async Task<Results<Ok<InvalidationAnswer>, ProblemHttpResult>> InvalidateAvailability(HttpRequest request, RenderCache cache, CancellationToken cancellationToken)
    {
        JsonObject body = await RequestJson.ReadOptionalObjectAsync(request, cancellationToken) ?? throw new BadHttpRequestException("send {\"sidPath\": ...}, {\"olderThanDays\": N} or {\"formats\": [\"wav\"]}");
        if (body["sidPath"] is null && body["olderThanDays"] is null && body["formats"] is null)
        {
            return ApiProblems.BadRequest("send sidPath, olderThanDays or formats (any together); {\"formats\": [\"wav\"]} clears the WAV cache");
        }

        double? days = null;
        if (body["olderThanDays"] is { } age)
        {
            if (age is not JsonValue d || !d.TryGetValue(out double value) || value < 0)
            {
                return ApiProblems.BadRequest("olderThanDays must be a number of days, 0 or more");
            }

            days = value;
        }

        HashSet<string>? formats = null;
        if (body["formats"] is { } list)
        {
            if (list is not JsonArray array || array.Count == 0 || array.Any(f => f is not JsonValue v || !v.TryGetValue(out string? name) || !RenderMatrix.AllFormats.Contains(name)))
            {
                return ApiProblems.BadRequest($"formats must be a non-empty list of {string.Join(", ", RenderMatrix.AllFormats)}");
            }

            formats = array.Select(f => f!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        }

        (int removed, long bytes) = await cache.InvalidateAsync(new RenderCacheFilter(body["sidPath"] is null ? null : RequirePath(body), days, formats), cancellationToken);
        return TypedResults.Ok(new InvalidationAnswer(removed, bytes));
    }

    private static string RequirePath(JsonObject body)
    {
        string? raw = body["sidPath"] is JsonValue v && v.TryGetValue(out string? s) ? s : null;
        return HvscPath.TryNormalizeRelative(raw, out string path, out string? why) ? path : throw new JobConfigException($"sidPath: {why}");
    }
}

public sealed record AssetAvailability(long Size, double Duration, int? Bitrate, DateTimeOffset RenderedAt, string Renderer, string Blob)
{
    /// <summary>Hardware captures only: the share of the device's audio packets that were lost.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? PacketLoss { get; init; }

    /// <summary>Hardware captures only: device, firmware and SID model.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Device { get; init; }
}

public sealed record AvailabilityAnswer(bool Available, int Subtune, IReadOnlyDictionary<string, AssetAvailability> Formats);

public sealed record InvalidationAnswer(int Removed, long Bytes);
