using SidFlow.Api.Catalog;
using SidFlow.Api.Classification;
using SidFlow.Api.Health;
using SidFlow.Core.Catalog;
using SidFlow.Core.Classification;
using SidFlow.Core.Operations;
using SidFlow.Functions.Hosting;

namespace SidFlow.Functions.Functions;

/// <summary>The public routes: health, the catalog, and the listener-facing classification routes.</summary>
public sealed class PublicFunctions(IServiceProvider services)
{
    [Function(nameof(HealthApi.GetHealth))]
    public async Task<IResult> GetHealth([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest request) =>
        await HealthApi.GetHealth(services.GetServices<IComponentCheck>(), services.GetRequiredService<TimeProvider>(), request.HttpContext.RequestAborted);

    [Function(nameof(CatalogApi.GetCatalogEntry))]
    public async Task<IResult> GetCatalogEntry([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/catalog")] HttpRequest request) =>
        await CatalogApi.GetCatalogEntry(request.Text("path"), services.GetRequiredService<ICatalogStore>(), request.HttpContext.RequestAborted);

    [Function(nameof(ClassificationApi.GetClassification))]
    public async Task<IResult> GetClassification([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/classification")] HttpRequest request) =>
        await ClassificationApi.GetClassification(request.Text("sidPath"), request.Int("subtune"), services.GetRequiredService<IClassificationStore>(), request.HttpContext.RequestAborted);

    [Function(nameof(ClassificationApi.GetSimilar))]
    public IResult GetSimilar([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/similar")] HttpRequest request) =>
        ClassificationApi.GetSimilar(request.Text("sidPath"), request.Int("subtune"), request.Int("limit"), services.GetRequiredService<ISimilarityIndexSource>());

    [Function(nameof(ClassificationApi.GetStation))]
    public IResult GetStation([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/station")] HttpRequest request) =>
        ClassificationApi.GetStation(request.Text("seed"), request.Int("size"), request.Text("mood"), services.GetRequiredService<ISimilarityIndexSource>());
}
