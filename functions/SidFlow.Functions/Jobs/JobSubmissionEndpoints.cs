using System.Text.Json.Nodes;
using SidFlow.Core.Jobs;
using SidFlow.Functions.Api;

namespace SidFlow.Functions.Jobs;

/// <summary><c>POST /api/fetch</c>, <c>/api/classify</c>, <c>/api/train</c>: the body is the job's config; 202 with the job and its URL.</summary>
public static class JobSubmissionEndpoints
{
    public static IEndpointRouteBuilder MapJobSubmissionEndpoints(this IEndpointRouteBuilder routes)
    {
        foreach (string type in new[] { "fetch", "classify", "train" })
        {
            routes.MapPost("/api/" + type, (HttpRequest request, int? priority, JobService service, CancellationToken ct) =>
                    SubmitAsync(type, request, priority, service, ct))
                .WithTags("Jobs")
                .WithName("Start" + char.ToUpperInvariant(type[0]) + type[1..])
                .WithSummary($"Start a {type} job")
                .RequireAdminToken();
        }

        return routes;
    }

    public static async Task<IResult> SubmitAsync(string type, HttpRequest request, int? priority, JobService service, CancellationToken ct, JsonObject? config = null)
    {
        config ??= await RequestJson.ReadOptionalObjectAsync(request, ct);
        JobRecord job = await service.SubmitAsync(type, config, priority, "api", ct);
        string url = $"/api/admin/jobs/{job.Id}";
        return TypedResults.Accepted(url, new JobAccepted(job, url));
    }
}

public sealed record JobAccepted(JobRecord Job, string Url);
