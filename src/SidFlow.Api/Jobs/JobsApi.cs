using System.Text.Json.Nodes;
using SidFlow.Api.Http;
using SidFlow.Api.Problems;
using SidFlow.Api.Security;
using SidFlow.Core.Jobs;
using SidFlow.Pipeline.Jobs;

namespace SidFlow.Api.Jobs;

/// <summary>The guide's Job Management endpoints under <c>/api/admin/jobs</c> (admin token required).</summary>
public static class JobsApi
{
    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder jobs = routes.MapGroup("/api/admin/jobs").WithTags("Jobs").RequireAdminToken();
        jobs.MapGet("/", ListJobs).WithName(nameof(ListJobs))
            .WithSummary("Jobs, newest first; ?status=, ?type=, ?sort=priority").ProducesProblem(StatusCodes.Status400BadRequest);
        jobs.MapGet("/{id}", GetJob).WithName(nameof(GetJob)).WithSummary("One job").ProducesJobProblems();
        jobs.MapPatch("/{id}", SetJobPriority).WithName(nameof(SetJobPriority)).WithSummary("Set the priority: {\"priority\": 10|5|1|0}")
            .Accepts<PriorityChange>("application/json").ProducesJobProblems();
        jobs.MapPost("/{id}/pause", PauseJob).WithName(nameof(PauseJob)).WithSummary("Suspend: running items finish, no new item starts").ProducesJobProblems();
        jobs.MapPost("/{id}/resume", ResumeJob).WithName(nameof(ResumeJob)).WithSummary("Resume a paused job").ProducesJobProblems();
        jobs.MapPost("/{id}/retry", RetryJob).WithName(nameof(RetryJob))
            .WithSummary("Re-run the failed items, optionally with {\"config\": {...}} merged into the job's config")
            .Accepts<RetryRequest>("application/json").ProducesJobProblems();
        jobs.MapDelete("/{id}", CancelJob).WithName(nameof(CancelJob))
            .WithSummary("Cancel the job and remove its temporary blobs; ?terminate=true ends its orchestration at once (last resort)").ProducesJobProblems();
        jobs.MapGet("/{id}/logs", StreamJobLogs).WithName(nameof(StreamJobLogs))
            .WithSummary("Server-Sent Events: the last 100 lines then the live log; ?full=true from the first line")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream").ProducesJobProblems();
        return routes;
    }

    public static async Task<Results<Ok<IReadOnlyList<JobRecord>>, ProblemHttpResult>> ListJobs(string? status, string? type, string? sort, JobService jobs, CancellationToken cancellationToken)
    {
        JobStatus? wanted = null;
        if (status is not null)
        {
            if (!JobStatusExtensions.TryParseWire(status, out JobStatus parsed))
            {
                return ApiProblems.BadRequest($"status must be one of pending, running, paused, completed, failed, cancelled, not '{status}'");
            }

            wanted = parsed;
        }

        if (sort is not null && sort != "priority" && sort != "created")
        {
            return ApiProblems.BadRequest("sort must be 'priority' or 'created'");
        }

        return TypedResults.Ok(await jobs.ListAsync(wanted, type, sort == "priority", cancellationToken));
    }

    public static async Task<Results<Ok<JobRecord>, ProblemHttpResult>> GetJob(string id, JobService jobs, CancellationToken cancellationToken) =>
        !JobIds.IsWellFormed(id) ? BadId(id)
        : await jobs.GetAsync(id, cancellationToken) is { } job ? TypedResults.Ok(job)
        : ApiProblems.NotFound($"no job '{id}'");

    public static async Task<Results<Ok<JobRecord>, ProblemHttpResult>> SetJobPriority(string id, HttpRequest request, JobService jobs, CancellationToken cancellationToken)
    {
        if (!JobIds.IsWellFormed(id))
        {
            return BadId(id);
        }

        JsonObject? body = await RequestJson.ReadOptionalObjectAsync(request, cancellationToken);
        if (body?["priority"] is not JsonValue value || !JsonConfig.TryGetInt(value, out int priority))
        {
            return ApiProblems.BadRequest("send {\"priority\": 10|5|1|0}");
        }

        return TypedResults.Ok(await jobs.SetPriorityAsync(id, priority, cancellationToken));
    }

    public static Task<Results<Ok<JobRecord>, ProblemHttpResult>> PauseJob(string id, JobService jobs, CancellationToken cancellationToken) =>
        ControlAsync(id, () => jobs.PauseAsync(id, cancellationToken));

    public static Task<Results<Ok<JobRecord>, ProblemHttpResult>> ResumeJob(string id, JobService jobs, CancellationToken cancellationToken) =>
        ControlAsync(id, () => jobs.ResumeAsync(id, cancellationToken));

    public static Task<Results<Ok<JobRecord>, ProblemHttpResult>> CancelJob(string id, bool? terminate, JobService jobs, CancellationToken cancellationToken) =>
        ControlAsync(id, () => jobs.CancelAsync(id, cancellationToken, terminate == true));

    public static async Task<Results<Ok<JobRecord>, ProblemHttpResult>> RetryJob(string id, HttpRequest request, JobService jobs, CancellationToken cancellationToken)
    {
        if (!JobIds.IsWellFormed(id))
        {
            return BadId(id);
        }

        JsonObject? body = await RequestJson.ReadOptionalObjectAsync(request, cancellationToken);
        if (body?["config"] is { } config and not JsonObject)
        {
            return ApiProblems.BadRequest("config must be a JSON object");
        }

        return TypedResults.Ok(await jobs.RetryAsync(id, body?["config"] as JsonObject, cancellationToken));
    }

    public static async Task<Results<JobLogEvents, ProblemHttpResult>> StreamJobLogs(string id, bool? full, IJobStore store, IJobLog log, CancellationToken cancellationToken)
    {
        if (!JobIds.IsWellFormed(id))
        {
            return BadId(id);
        }

        return await store.GetAsync(id, cancellationToken) is null
            ? ApiProblems.NotFound($"no job '{id}'")
            : new JobLogEvents(log, store, id, full == true);
    }

    private static async Task<Results<Ok<JobRecord>, ProblemHttpResult>> ControlAsync(string id, Func<Task<JobRecord>> control) =>
        JobIds.IsWellFormed(id) ? TypedResults.Ok(await control()) : BadId(id);

    private static ProblemHttpResult BadId(string id) => ApiProblems.BadRequest($"'{id}' is not a job id");

    private static RouteHandlerBuilder ProducesJobProblems(this RouteHandlerBuilder builder) => builder
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);
}

public sealed record PriorityChange(int Priority);

public sealed record RetryRequest(JsonObject? Config);
