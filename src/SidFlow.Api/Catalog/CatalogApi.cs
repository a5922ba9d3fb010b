using SidFlow.Api.Http;
using SidFlow.Api.Problems;
using SidFlow.Core.Catalog;
using SidFlow.Core.Collection;
using SidFlow.Core.Hvsc;

namespace SidFlow.Api.Catalog;

public static class CatalogApi
{
    /// <summary>Most rows one search answers with.</summary>
    public const int MaxSearchResults = 200;

    /// <summary>SID files change only with an HVSC update, which changes their MD5 (the ETag) too.</summary>
    public const string SidFileCacheControl = "public, max-age=86400";

    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/catalog", GetCatalogEntry)
            .WithName(nameof(GetCatalogEntry))
            .WithTags("Catalog")
            .WithSummary("One catalog row by HVSC path, e.g. ?path=MUSICIANS/H/Hubbard_Rob/Delta.sid")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        routes.MapGet("/api/catalog/search", SearchCatalog)
            .WithName(nameof(SearchCatalog))
            .WithTags("Catalog")
            .WithSummary("Catalog rows under a folder (?prefix=MUSICIANS/H/) whose path, title, composer or STIL holds every word of ?q=, in path order; ?limit=1..200 (50)")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        routes.MapGet("/api/sid", GetSidFile)
            .WithName(nameof(GetSidFile))
            .WithTags("Catalog")
            .WithSummary("The SID file itself (?path=), for the player's in-browser engine; ETag, long cache lifetime")
            .Produces(StatusCodes.Status200OK, typeof(byte[]), "application/octet-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    public static async Task<Results<Ok<CatalogEntry>, ProblemHttpResult>> GetCatalogEntry(string? path, ICatalogStore catalog, CancellationToken cancellationToken)
    {
        if (!HvscPath.TryNormalizeRelative(path, out string normalized, out string? reason))
        {
            return ApiProblems.BadRequest($"path: {reason}");
        }

        CatalogEntry? entry = await catalog.GetAsync(normalized, cancellationToken);
        return entry is null ? ApiProblems.NotFound($"no catalog row for '{normalized}'") : TypedResults.Ok(entry);
    }

    public static async Task<Results<Ok<CatalogEntry[]>, ProblemHttpResult>> SearchCatalog(string? q, string? prefix, int? limit, ICatalogStore catalog, CancellationToken cancellationToken)
    {
        string? folder = null;
        if (!string.IsNullOrEmpty(prefix))
        {
            if (!HvscPath.TryNormalizeRelative(prefix.TrimEnd('/'), out string normalized, out string? reason))
            {
                return ApiProblems.BadRequest($"prefix: {reason}");
            }

            folder = normalized + "/";
        }

        int take = limit ?? 50;
        if (take is < 1 or > MaxSearchResults)
        {
            return ApiProblems.BadRequest($"limit: must be 1..{MaxSearchResults}");
        }

        var query = CatalogQuery.Parse(q);
        var found = new List<CatalogEntry>(take);
        await foreach (CatalogEntry entry in catalog.ListAsync(folder, cancellationToken))
        {
            if (entry.IsValid && query.Matches(entry))
            {
                found.Add(entry);
                if (found.Count == take)
                {
                    break;
                }
            }
        }

        return TypedResults.Ok(found.ToArray());
    }

    public static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetSidFile(HttpContext http, string? path, ICatalogStore catalog, ICollectionStore collection, CancellationToken cancellationToken)
    {
        if (!HvscPath.TryNormalizeRelative(path, out string normalized, out string? reason))
        {
            return ApiProblems.BadRequest($"path: {reason}");
        }

        CatalogEntry? entry = await catalog.GetAsync(normalized, cancellationToken);
        if (entry is null)
        {
            return ApiProblems.NotFound($"no catalog row for '{normalized}'");
        }

        // The file's MD5 is its version: the catalog row says whether the client's copy is current without reading the blob.
        if (HttpCaching.NotModified(http, $"\"{entry.Md5}\"", SidFileCacheControl))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        byte[]? bytes = await collection.ReadAsync(normalized, cancellationToken);
        return bytes is null ? ApiProblems.NotFound($"'{normalized}' is catalogued but not in the collection") : TypedResults.File(bytes, "application/octet-stream");
    }
}
