using System.Text.Json.Nodes;
using SidFlow.Core.Jobs;
using SidFlow.Functions.Api;

namespace SidFlow.Functions.Jobs;

/// <summary>The guide's Job Management endpoints under <c>/api/admin/jobs</c> (admin token required).</summary>
public static class JobEndpoints
{
    public static IEndpointRouteBuilder MapJobEndpoints(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder jobs = routes.MapGroup("/api/admin/jobs")
            .WithTags("Jobs")
            .RequireAdminToken();

        jobs.MapGet("/", async Task<IResult> (string? status, string? type, string? sort, JobService service, CancellationToken ct) =>
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

            return TypedResults.Ok(await service.ListAsync(wanted, type, sort == "priority", ct));
        })
        .WithName("ListJobs").WithSummary("Jobs, newest first; ?status=, ?type=, ?sort=priority");

        jobs.MapGet("/{id}", async Task<IResult> (string id, JobService service, CancellationToken ct) =>
            !JobIds.IsWellFormed(id) ? BadId(id)
            : await service.GetAsync(id, ct) is { } job ? TypedResults.Ok(job)
            : ApiProblems.NotFound($"no job '{id}'"))
        .WithName("GetJob");

        jobs.MapPatch("/{id}", async Task<IResult> (string id, JsonObject? body, JobService service, CancellationToken ct) =>
        {
            if (!JobIds.IsWellFormed(id))
            {
                return BadId(id);
            }

            if (body?["priority"] is not JsonValue value || !value.TryGetValue(out int priority))
            {
                return ApiProblems.BadRequest("send {\"priority\": 10|5|1|0}");
            }

            return TypedResults.Ok(await service.SetPriorityAsync(id, priority, ct));
        })
        .WithName("SetJobPriority");

        jobs.MapPost("/{id}/pause", async Task<IResult> (string id, JobService service, CancellationToken ct) =>
            JobIds.IsWellFormed(id) ? TypedResults.Ok(await service.PauseAsync(id, ct)) : BadId(id))
        .WithName("PauseJob");

        jobs.MapPost("/{id}/resume", async Task<IResult> (string id, JobService service, CancellationToken ct) =>
            JobIds.IsWellFormed(id) ? TypedResults.Ok(await service.ResumeAsync(id, ct)) : BadId(id))
        .WithName("ResumeJob");

        jobs.MapPost("/{id}/retry", async Task<IResult> (string id, HttpRequest request, JobService service, CancellationToken ct) =>
        {
            if (!JobIds.IsWellFormed(id))
            {
                return BadId(id);
            }

            JsonObject? body = await RequestJson.ReadOptionalObjectAsync(request, ct);
            if (body?["config"] is { } config and not JsonObject)
            {
                return ApiProblems.BadRequest("config must be a JSON object");
            }

            return TypedResults.Ok(await service.RetryAsync(id, body?["config"] as JsonObject, ct));
        })
        .WithName("RetryJob").WithSummary("Re-run the failed items, optionally with {\"config\": {...}} merged into the job's config");

        jobs.MapDelete("/{id}", async Task<IResult> (string id, JobService service, CancellationToken ct) =>
            JobIds.IsWellFormed(id) ? TypedResults.Ok(await service.CancelAsync(id, ct)) : BadId(id))
        .WithName("CancelJob").WithSummary("Cancel the job and remove its temporary blobs");

        jobs.MapGet("/{id}/logs", (string id, bool? full, JobLogStream stream, HttpContext http, CancellationToken ct) =>
            JobIds.IsWellFormed(id) ? stream.StreamAsync(http, id, full == true, ct) : BadId(id).ExecuteAsync(http))
        .WithName("StreamJobLogs").WithSummary("Server-Sent Events: the last lines then the live log; ?full=true from the first line");

        return routes;
    }

    private static IResult BadId(string id) => ApiProblems.BadRequest($"'{id}' is not a job id");
}
