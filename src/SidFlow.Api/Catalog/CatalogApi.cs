using SidFlow.Api.Problems;
using SidFlow.Core.Catalog;
using SidFlow.Core.Hvsc;

namespace SidFlow.Api.Catalog;

public static class CatalogApi
{
    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/catalog", GetCatalogEntry)
            .WithName(nameof(GetCatalogEntry))
            .WithTags("Catalog")
            .WithSummary("One catalog row by HVSC path, e.g. ?path=MUSICIANS/H/Hubbard_Rob/Delta.sid")
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
}
