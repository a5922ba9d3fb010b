using SidFlow.Api.Models;
using SidFlow.Api.Security;
using SidFlow.Core.Models;
using SidFlow.Functions.Hosting;
using SidFlow.Pipeline.Jobs;

namespace SidFlow.Functions.Functions;

/// <summary>The model lifecycle's admin routes (the admin token is checked by the middleware); publish and rollback submit a re-rate job.</summary>
[AdminOnly]
public sealed class ModelFunctions(DurableClientScope durable)
{
    private IServiceProvider Services => durable.Services;

    [Function(nameof(ModelApi.GetModelCandidate))]
    public async Task<IResult> GetModelCandidate([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/admin/model/candidate")] HttpRequest request) =>
        await ModelApi.GetModelCandidate(Services.GetRequiredService<ModelRegistry>(), request.HttpContext.RequestAborted);

    [Function(nameof(ModelApi.EvaluateModel))]
    public async Task<IResult> EvaluateModel([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/admin/model/evaluate")] HttpRequest request) =>
        await ModelApi.EvaluateModel(request.Text("modelVersion"), Services.GetRequiredService<ModelRegistry>(), request.HttpContext.RequestAborted);

    [Function(nameof(ModelApi.ListModelVersions))]
    public async Task<IResult> ListModelVersions([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/admin/model/versions")] HttpRequest request) =>
        await ModelApi.ListModelVersions(Services.GetRequiredService<ModelRegistry>(), request.HttpContext.RequestAborted);

    [Function(nameof(ModelApi.ApproveModel))]
    public async Task<IResult> ApproveModel([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/admin/model/approve")] HttpRequest request) =>
        await ModelApi.ApproveModel(request, Services.GetRequiredService<ModelRegistry>(), request.HttpContext.RequestAborted);

    [Function(nameof(ModelApi.PublishModel))]
    public Task<IResult> PublishModel([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/admin/model/publish")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        durable.RunAsync(client, sp => ModelApi.PublishModel(request, sp.GetRequiredService<ModelRegistry>(), sp.GetRequiredService<JobService>(), request.HttpContext.RequestAborted));

    [Function(nameof(ModelApi.RollbackModel))]
    public Task<IResult> RollbackModel([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/admin/model/rollback")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        durable.RunAsync(client, sp => ModelApi.RollbackModel(request, sp.GetRequiredService<ModelRegistry>(), sp.GetRequiredService<JobService>(), request.HttpContext.RequestAborted));

    [Function(nameof(ModelApi.GetModelMetrics))]
    public async Task<IResult> GetModelMetrics([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/admin/model/metrics")] HttpRequest request) =>
        await ModelApi.GetModelMetrics(Services.GetRequiredService<ModelHealth>(), request.HttpContext.RequestAborted);
}
