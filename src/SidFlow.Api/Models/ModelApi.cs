using System.Text.Json.Nodes;
using Microsoft.Net.Http.Headers;
using SidFlow.Api.Http;
using SidFlow.Api.Jobs;
using SidFlow.Api.Problems;
using SidFlow.Api.Security;
using SidFlow.Core.Jobs;
using SidFlow.Core.Models;
using SidFlow.Pipeline.Jobs;

namespace SidFlow.Api.Models;

/// <summary>The guide's model lifecycle under <c>/api/admin/model</c> (admin), and the published manifest at <c>/api/model/latest</c>.</summary>
public static class ModelApi
{
    public static IEndpointRouteBuilder MapModelApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder admin = routes.MapGroup("/api/admin/model").WithTags("Models").RequireAdminToken();
        admin.MapGet("/candidate", GetModelCandidate).WithName(nameof(GetModelCandidate)).WithSummary("The newest trained model not yet published").ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapGet("/evaluate", EvaluateModel).WithName(nameof(EvaluateModel))
            .WithSummary("Metrics against the baseline (the production model, else the heuristic) on held-out listeners, and each quality gate; ?modelVersion= (default: the candidate)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapGet("/versions", ListModelVersions).WithName(nameof(ListModelVersions)).WithSummary("Every kept model version, newest first, with its status");
        admin.MapPost("/approve", ApproveModel).WithName(nameof(ApproveModel))
            .WithSummary("{modelVersion, notes, force}: 409 with the failed gates unless force and notes are given").Accepts<JsonObject>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPost("/publish", PublishModel).WithName(nameof(PublishModel))
            .WithSummary("{modelVersion}: verify every artifact's checksum, write the manifest in one conditional write, re-rate the collection (a job)").Accepts<JsonObject>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPost("/rollback", RollbackModel).WithName(nameof(RollbackModel))
            .WithSummary("{reason, immediate, targetVersion?}: back to the previous (or a named kept) production version, and re-rate").Accepts<JsonObject>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapGet("/metrics", GetModelMetrics).WithName(nameof(GetModelMetrics)).WithSummary("activeVersion, uptime, predictions, accuracy (and drift), health");
        routes.MapGet("/api/model/latest", GetLatestModel).WithTags("Models").WithName(nameof(GetLatestModel))
            .WithSummary("The published manifest (Cache-Control: max-age=60, ETag)").Produces<ModelManifest>().Produces(StatusCodes.Status304NotModified).ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    public static async Task<Results<Ok<ModelMetadata>, ProblemHttpResult>> GetModelCandidate(ModelRegistry registry, CancellationToken cancellationToken) =>
        await registry.CandidateAsync(cancellationToken) is { } candidate ? TypedResults.Ok(candidate) : ApiProblems.NotFound("no trained model waits for approval: train one (POST /api/train)");

    public static async Task<Ok<ModelEvaluation>> EvaluateModel(string? modelVersion, ModelRegistry registry, CancellationToken cancellationToken) =>
        TypedResults.Ok(await registry.EvaluationAsync(modelVersion, cancellationToken));

    public static async Task<Ok<IReadOnlyList<ModelMetadata>>> ListModelVersions(ModelRegistry registry, CancellationToken cancellationToken) =>
        TypedResults.Ok(await registry.HistoryAsync(cancellationToken));

    public static async Task<Ok<ModelMetadata>> ApproveModel(HttpRequest request, ModelRegistry registry, CancellationToken cancellationToken)
    {
        JsonObject body = await RequireBodyAsync(request, cancellationToken);
        return TypedResults.Ok(await registry.ApproveAsync(Version(body), Text(body, "notes"), Flag(body, "force"), AdminAuthorization.ActorOf(request.HttpContext), cancellationToken));
    }

    public static async Task<Ok<ModelChange>> PublishModel(HttpRequest request, ModelRegistry registry, JobService jobs, CancellationToken cancellationToken)
    {
        JsonObject body = await RequireBodyAsync(request, cancellationToken);
        ModelManifest manifest = await registry.PublishAsync(Version(body), AdminAuthorization.ActorOf(request.HttpContext), cancellationToken);
        return TypedResults.Ok(await RerateAsync(manifest, JobPriority.High, "model.publish", jobs, cancellationToken));
    }

    public static async Task<Ok<ModelChange>> RollbackModel(HttpRequest request, ModelRegistry registry, JobService jobs, CancellationToken cancellationToken)
    {
        JsonObject body = await RequireBodyAsync(request, cancellationToken);
        string reason = Text(body, "reason") is { Length: > 0 } r ? r : throw new JobConfigException("reason is required: why roll back?");
        bool immediate = Flag(body, "immediate");
        string? target = Text(body, "targetVersion");
        if (target is not null && !ModelVersion.TryParse(target, out _))
        {
            throw new JobConfigException("targetVersion must be MAJOR.MINOR.PATCH");
        }

        ModelManifest manifest = await registry.RollbackAsync(target, reason, immediate, AdminAuthorization.ActorOf(request.HttpContext), cancellationToken);
        return TypedResults.Ok(await RerateAsync(manifest, immediate ? JobPriority.Critical : JobPriority.High, "model.rollback", jobs, cancellationToken));
    }

    public static async Task<Ok<ModelMetricsReport>> GetModelMetrics(ModelHealth health, CancellationToken cancellationToken) =>
        TypedResults.Ok(await health.ReportAsync(cancellationToken));

    /// <summary>The manifest for players and other instances: cached a minute, revalidated by its checksum.</summary>
    public static async Task<IResult> GetLatestModel(HttpContext http, IModelStore models, CancellationToken cancellationToken)
    {
        if (await models.ReadManifestAsync(cancellationToken) is not { } published)
        {
            return ApiProblems.NotFound("no model is published; ratings come from the heuristic");
        }

        return HttpCaching.NotModified(http, $"\"{published.Manifest.ManifestChecksum}\"", "public, max-age=60")
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(published.Manifest);
    }

    /// <summary>Ratings follow the new model: a classify job that classifies nothing new and rates every song in its fan-in.</summary>
    private static async Task<ModelChange> RerateAsync(ModelManifest manifest, int priority, string createdBy, JobService jobs, CancellationToken cancellationToken)
    {
        JobRecord job = await jobs.SubmitAsync("classify", new JsonObject(), priority, createdBy, cancellationToken);
        return new ModelChange(manifest, new JobAccepted(job, $"/api/admin/jobs/{job.Id}"));
    }

    private static async Task<JsonObject> RequireBodyAsync(HttpRequest request, CancellationToken cancellationToken) =>
        await RequestJson.ReadOptionalObjectAsync(request, cancellationToken) ?? throw new JobConfigException("send a JSON object");

    private static string Version(JsonObject body) =>
        Text(body, "modelVersion") is { } v && ModelVersion.TryParse(v, out _) ? v : throw new JobConfigException("modelVersion must be MAJOR.MINOR.PATCH");

    private static string? Text(JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue(out string? s) => s,
        _ => throw new JobConfigException($"{name} must be a string"),
    };

    private static bool Flag(JsonObject body, string name) => body[name] switch
    {
        null => false,
        JsonValue v when v.TryGetValue(out bool b) => b,
        _ => throw new JobConfigException($"{name} must be true or false"),
    };
}

/// <summary>A publish's or rollback's answer: the new manifest and the job re-rating the collection.</summary>
public sealed record ModelChange(ModelManifest Manifest, JobAccepted Rerate);
