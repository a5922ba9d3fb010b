using System.Text.Json.Nodes;
using SidFlow.Core.Catalog;
using SidFlow.Core.Hvsc;
using SidFlow.Core.Jobs;
using SidFlow.Core.Render;
using SidFlow.Functions.Api;
using SidFlow.Functions.Jobs;

namespace SidFlow.Functions.Render;

/// <summary><c>POST /api/admin/render</c> and the availability endpoints of the guide's "Render Asset Management".</summary>
public static class RenderEndpoints
{
    public static IEndpointRouteBuilder MapRenderEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/admin/render", async Task<IResult> (HttpRequest request, int? priority, JobService jobs, RenderJobType renderType, CancellationToken ct) =>
        {
            JsonObject body = await RequestJson.ReadOptionalObjectAsync(request, ct) ?? throw new BadHttpRequestException("send the render request as a JSON object");
            RenderJobConfig config = RenderJobConfig.Parse(body);
            if (!await renderType.SongsAsync(config, ct).AnyAsync(ct))
            {
                return ApiProblems.NotFound($"no catalogued SID file at '{config.SidPath}'");
            }

            return await JobSubmissionEndpoints.SubmitAsync("render", request, priority, jobs, ct, body);
        })
        .WithTags("Render").WithName("StartRender").RequireAdminToken()
        .WithSummary("Render a SID file or folder in a mode of the render matrix; 400 with error/details/suggestions for other modes");

        routes.MapPost("/api/availability/check", async Task<IResult> (HttpRequest request, IAvailabilityStore availability, ICatalogStore catalog, CancellationToken ct) =>
        {
            JsonObject body = await RequestJson.ReadOptionalObjectAsync(request, ct) ?? throw new BadHttpRequestException("send {\"sidPath\": ...}");
            string path = RequirePath(body);
            int? subtune = body["subtune"] is JsonValue v && v.TryGetValue(out int s) ? s : null;
            int song = subtune ?? (await catalog.GetAsync(path, ct))?.StartSong ?? 1;
            RenderAsset[] assets = (await availability.ListForAsync(path, ct)).Where(a => a.Subtune == song).ToArray();
            var formats = assets.GroupBy(a => a.Format).ToDictionary(g => g.Key, g =>
            {
                RenderAsset a = g.OrderByDescending(x => x.RenderedAt).First();
                return new AssetAvailability(a.Size, a.Duration, a.Bitrate, a.RenderedAt, a.Renderer, a.Blob);
            });
            return TypedResults.Ok(new AvailabilityAnswer(formats.Count > 0, song, formats));
        })
        .WithTags("Render").WithName("CheckAvailability").RequireAdminToken()
        .WithSummary("Which formats of a SID (its start song, or \"subtune\") are rendered");

        routes.MapDelete("/api/availability/invalidate", async Task<IResult> (HttpRequest request, IAvailabilityStore availability, IRenderAssetStore assets, TimeProvider time, CancellationToken ct) =>
        {
            JsonObject body = await RequestJson.ReadOptionalObjectAsync(request, ct) ?? throw new BadHttpRequestException("send {\"sidPath\": ...} or {\"olderThanDays\": N}");
            bool byPath = body["sidPath"] is not null, byAge = body["olderThanDays"] is not null;
            if (byPath == byAge)
            {
                return ApiProblems.BadRequest("send exactly one of sidPath and olderThanDays");
            }

            List<RenderAsset> doomed = [];
            if (byPath)
            {
                string path = RequirePath(body);
                doomed.AddRange(await availability.ListForAsync(path, ct));
                await foreach (RenderAsset a in availability.ListAllAsync(ct))
                {
                    if (a.SidPath.StartsWith(path.TrimEnd('/') + "/", StringComparison.Ordinal))
                    {
                        doomed.Add(a);
                    }
                }
            }
            else
            {
                if (body["olderThanDays"] is not JsonValue d || !d.TryGetValue(out double days) || days < 0)
                {
                    return ApiProblems.BadRequest("olderThanDays must be a number of days, 0 or more");
                }

                DateTimeOffset cutoff = time.GetUtcNow() - TimeSpan.FromDays(days);
                await foreach (RenderAsset a in availability.ListAllAsync(ct))
                {
                    if (a.RenderedAt < cutoff)
                    {
                        doomed.Add(a);
                    }
                }
            }

            long bytes = 0;
            foreach (RenderAsset asset in doomed)
            {
                if (asset.Format != "sid")
                {
                    bytes += await assets.DeleteAsync(asset.Format == "hls" ? asset.Blob[..(asset.Blob.LastIndexOf('/') + 1)] : asset.Blob, ct);
                }

                await availability.DeleteAsync(asset, ct);
            }

            return TypedResults.Ok(new InvalidationAnswer(doomed.Count, bytes));
        })
        .WithTags("Render").WithName("InvalidateAvailability").RequireAdminToken()
        .WithSummary("Remove rendered assets (rows and blobs) of a SID or folder, or older than N days");
        return routes;
    }

    private static string RequirePath(JsonObject body)
    {
        string? raw = body["sidPath"] is JsonValue v && v.TryGetValue(out string? s) ? s : null;
        return HvscPath.TryNormalizeRelative(raw, out string path, out string? why) ? path : throw new JobConfigException($"sidPath: {why}");
    }
}

public sealed record AssetAvailability(long Size, double Duration, int? Bitrate, DateTimeOffset RenderedAt, string Renderer, string Blob);

public sealed record AvailabilityAnswer(bool Available, int Subtune, IReadOnlyDictionary<string, AssetAvailability> Formats);

public sealed record InvalidationAnswer(int Removed, long Bytes);
