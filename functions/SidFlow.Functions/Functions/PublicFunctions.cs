using SidFlow.Api.Catalog;
using SidFlow.Api.Classification;
using SidFlow.Api.Feedback;
using SidFlow.Api.Health;
using SidFlow.Api.Telemetry;
using SidFlow.Api.Models;
using SidFlow.Api.Render;
using SidFlow.Core.Catalog;
using SidFlow.Core.Classification;
using SidFlow.Core.Feedback;
using SidFlow.Core.Models;
using SidFlow.Core.Operations;
using SidFlow.Functions.Hosting;

namespace SidFlow.Functions.Functions;

/// <summary>The public routes: health, the catalog and SID files, rendered assets, the listener-facing classification routes, feedback, and the published model's manifest.</summary>
public sealed class PublicFunctions(IServiceProvider services)
{
    [Function(nameof(HealthApi.GetHealth))]
    public async Task<IResult> GetHealth([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest request) =>
        await HealthApi.GetHealth(request.Text("scope"), services.GetServices<IComponentCheck>(), services.GetRequiredService<TimeProvider>(), request.HttpContext.RequestAborted);

    [Function(nameof(TelemetryApi.PostTelemetry))]
    public async Task<IResult> PostTelemetry([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/telemetry")] HttpRequest request) =>
        await TelemetryApi.PostTelemetry(request, services.GetRequiredService<SidFlow.Core.Telemetry.TelemetryService>(), services.GetRequiredService<TimeProvider>(), request.HttpContext.RequestAborted);

    [Function(nameof(CatalogApi.GetCatalogEntry))]
    public async Task<IResult> GetCatalogEntry([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/catalog")] HttpRequest request) =>
        await CatalogApi.GetCatalogEntry(request.Text("path"), services.GetRequiredService<ICatalogStore>(), request.HttpContext.RequestAborted);

    [Function(nameof(CatalogApi.SearchCatalog))]
    public async Task<IResult> SearchCatalog([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/catalog/search")] HttpRequest request) =>
        await CatalogApi.SearchCatalog(request.Text("q"), request.Text("prefix"), request.Int("limit"), services.GetRequiredService<ICatalogStore>(), request.HttpContext.RequestAborted);

    [Function(nameof(CatalogApi.GetSidFile))]
    public async Task<IResult> GetSidFile([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/sid")] HttpRequest request) =>
        await CatalogApi.GetSidFile(request.HttpContext, request.Text("path"), services.GetRequiredService<ICatalogStore>(),
            services.GetRequiredService<SidFlow.Core.Collection.ICollectionStore>(), request.HttpContext.RequestAborted);

    [Function(nameof(AssetsApi.GetAsset))]
    public async Task<IResult> GetAsset([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/assets/{*asset}")] HttpRequest request, string? asset) =>
        await AssetsApi.GetAsset(request.HttpContext, asset, services.GetRequiredService<SidFlow.Core.Render.IRenderAssetStore>(), request.HttpContext.RequestAborted);

    [Function(nameof(ClassificationApi.GetClassification))]
    public async Task<IResult> GetClassification([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/classification")] HttpRequest request) =>
        await ClassificationApi.GetClassification(request.Text("sidPath"), request.Int("subtune"), services.GetRequiredService<IClassificationStore>(), request.HttpContext.RequestAborted);

    [Function(nameof(ClassificationApi.GetSimilar))]
    public IResult GetSimilar([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/similar")] HttpRequest request) =>
        ClassificationApi.GetSimilar(request.Text("sidPath"), request.Int("subtune"), request.Int("limit"), services.GetRequiredService<ISimilarityIndexSource>());

    [Function(nameof(ClassificationApi.GetStation))]
    public IResult GetStation([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/station")] HttpRequest request) =>
        ClassificationApi.GetStation(request.Text("seed"), request.Int("size"), request.Text("mood"), services.GetRequiredService<ISimilarityIndexSource>());

    [Function(nameof(FeedbackApi.PostFeedback))]
    public async Task<IResult> PostFeedback([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/feedback")] HttpRequest request) =>
        await FeedbackApi.PostFeedback(request, services.GetRequiredService<FeedbackService>(), services.GetRequiredService<TimeProvider>(), request.HttpContext.RequestAborted);

    [Function(nameof(FeedbackApi.PostFeedbackBatch))]
    public async Task<IResult> PostFeedbackBatch([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/feedback/batch")] HttpRequest request) =>
        await FeedbackApi.PostFeedbackBatch(request, services.GetRequiredService<FeedbackService>(), services.GetRequiredService<TimeProvider>(), request.HttpContext.RequestAborted);

    [Function(nameof(ModelApi.GetLatestModel))]
    public async Task<IResult> GetLatestModel([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/model/latest")] HttpRequest request) =>
        await ModelApi.GetLatestModel(request.HttpContext, services.GetRequiredService<IModelStore>(), request.HttpContext.RequestAborted);
}
