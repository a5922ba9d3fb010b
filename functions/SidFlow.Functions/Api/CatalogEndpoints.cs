using SidFlow.Core.Catalog;
using SidFlow.Core.Hvsc;

namespace SidFlow.Functions.Api;

public static class CatalogEndpoints
{
    public static IEndpointRouteBuilder MapCatalogEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/catalog", async Task<IResult> (string? path, ICatalogStore catalog, CancellationToken ct) =>
        {
            if (!HvscPath.TryNormalizeRelative(path, out string normalized, out string? reason))
            {
                return ApiProblems.BadRequest($"path: {reason}");
            }

            CatalogEntry? entry = await catalog.GetAsync(normalized, ct);
            return entry is null ? ApiProblems.NotFound($"no catalog row for '{normalized}'") : TypedResults.Ok(entry);
        })
        .WithName("GetCatalogEntry")
        .WithTags("Catalog")
        .WithSummary("One catalog row by HVSC path, e.g. ?path=MUSICIANS/H/Hubbard_Rob/Delta.sid")
        .Produces<CatalogEntry>()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }
}
