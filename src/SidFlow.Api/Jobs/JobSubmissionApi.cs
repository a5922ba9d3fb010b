using System.Text.Json.Nodes;
using SidFlow.Api.Http;
using SidFlow.Api.Security;
using SidFlow.Core.Jobs;
using SidFlow.Pipeline.Jobs;

namespace SidFlow.Api.Jobs;

/// <summary><c>POST /api/fetch</c>, <c>/api/classify</c>, <c>/api/train</c>: the body is the job's config; 202 with the job and its URL.</summary>
public static class JobSubmissionApi
{
    public static IEndpointRouteBuilder MapJobSubmissionApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/api").WithTags("Jobs").RequireAdminToken();
        group.MapPost("/fetch", StartFetch).WithName(nameof(StartFetch)).WithSummary("Start a fetch job: {\"force\": false, \"source\": \"...\"}").WithSubmissionProblems();
        group.MapPost("/classify", StartClassify).WithName(nameof(StartClassify))
            .WithSummary("Start a classify job: {\"sidPath\": \"\", \"sample\": N, \"validate\": false, \"threads\": 4, \"force\": false}").WithSubmissionProblems();
        group.MapPost("/train", StartTrain).WithName(nameof(StartTrain)).WithSummary("Start a training job").WithSubmissionProblems();
        return routes;
    }

    public static Task<Accepted<JobAccepted>> StartFetch(HttpRequest request, int? priority, JobService jobs, CancellationToken cancellationToken) =>
        SubmitAsync("fetch", request, priority, jobs, cancellationToken);

    public static Task<Accepted<JobAccepted>> StartClassify(HttpRequest request, int? priority, JobService jobs, CancellationToken cancellationToken) =>
        SubmitAsync("classify", request, priority, jobs, cancellationToken);

    public static Task<Accepted<JobAccepted>> StartTrain(HttpRequest request, int? priority, JobService jobs, CancellationToken cancellationToken) =>
        SubmitAsync("train", request, priority, jobs, cancellationToken);

    /// <summary>Submits a job of a type with the request's body (or the given config) as its config.</summary>
    public static async Task<Accepted<JobAccepted>> SubmitAsync(string type, HttpRequest request, int? priority, JobService jobs, CancellationToken cancellationToken, JsonObject? config = null)
    {
        config ??= await RequestJson.ReadOptionalObjectAsync(request, cancellationToken);
        JobRecord job = await jobs.SubmitAsync(type, config, priority, "api", cancellationToken);
        string url = $"/api/admin/jobs/{job.Id}";
        return TypedResults.Accepted(url, new JobAccepted(job, url));
    }

    private static RouteHandlerBuilder WithSubmissionProblems(this RouteHandlerBuilder builder) => builder
        .Accepts<JsonObject>("application/json")
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status501NotImplemented);
}

public sealed record JobAccepted(JobRecord Job, string Url);
