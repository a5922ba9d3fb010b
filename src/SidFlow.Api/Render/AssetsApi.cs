using System.Text;
using Microsoft.Net.Http.Headers;
using SidFlow.Api.Http;
using SidFlow.Api.Problems;
using SidFlow.Core.Render;

namespace SidFlow.Api.Render;

/// <summary>
/// The rendered assets for players, public: <c>GET /api/assets/{sidPath}/{subtune}/{renderer}.{ext}</c> (wav, m4a,
/// flac) and the HLS playlist (<c>.m3u8</c>) with its segments, with HTTP Range, the blob's ETag (304 on
/// If-None-Match) and a week's cache lifetime; unknown assets 404, paths leaving the collection 400.
/// </summary>
public static class AssetsApi
{
    public const string CacheControl = "public, max-age=604800";

    public static IEndpointRouteBuilder MapAssetsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/assets/{*asset}", GetAsset).WithName(nameof(GetAsset)).WithTags("Render")
            .WithSummary("A rendered asset: {sidPath}/{subtune}/{renderer}.{wav|m4a|flac|m3u8}, or an HLS segment {sidPath}/{subtune}/{renderer}-hls/segmentNNN.ts; Range, ETag, cached a week")
            .Produces(StatusCodes.Status200OK, typeof(byte[]), "audio/wav", "audio/mp4", "audio/flac", "application/vnd.apple.mpegurl", "video/mp2t")
            .Produces(StatusCodes.Status206PartialContent)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    public static async Task<Results<FileStreamHttpResult, FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetAsset(HttpContext http, string? asset, IRenderAssetStore assets, CancellationToken cancellationToken)
    {
        // The route value keeps %2F encoded: decoded, "..%2F" is the traversal it means.
        if (!AssetAddress.TryParse(asset is null ? null : Uri.UnescapeDataString(asset), out AssetAddress? address, out string reason))
        {
            return ApiProblems.BadRequest(reason);
        }

        RenderAssetContent? content = await assets.OpenAsync(address!.Blob, cancellationToken);
        if (content is null)
        {
            return ApiProblems.NotFound($"no {address.Kind} asset of '{address.SidPath}' #{address.Subtune} by {address.Renderer}");
        }

        var etag = new EntityTagHeaderValue(content.ETag);
        if (address.Kind != AssetAddress.Playlist)
        {
            http.Response.Headers.CacheControl = CacheControl;
            // The stream is disposed by the result once sent; Range and If-None-Match are answered by it.
            return TypedResults.Stream(content.Content, content.ContentType, lastModified: content.LastModified, entityTag: etag, enableRangeProcessing: true);
        }

        if (HttpCaching.NotModified(http, content.ETag, CacheControl))
        {
            // A current copy: the playlist need not be read and rewritten.
            await content.Content.DisposeAsync();
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        // The playlist is served beside its folder, so its segment lines point into it.
        string text;
        await using (content.Content)
        {
            using var reader = new StreamReader(content.Content, Encoding.UTF8);
            text = await reader.ReadToEndAsync(cancellationToken);
        }

        string rewritten = string.Join('\n', text.Split('\n').Select(line =>
            line.Length == 0 || line.StartsWith('#') ? line : $"{address.Renderer}-hls/{line.Trim()}"));
        return TypedResults.File(Encoding.UTF8.GetBytes(rewritten), content.ContentType, lastModified: content.LastModified, entityTag: etag, enableRangeProcessing: true);
    }
}
