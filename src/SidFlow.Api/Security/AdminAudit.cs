using System.Collections.Frozen;
using System.Text.Json.Nodes;
using SidFlow.Api.Jobs;
using SidFlow.Api.Models;
using SidFlow.Api.Render;
using SidFlow.Core.Operations;

namespace SidFlow.Api.Security;

/// <summary>
/// The audit trail of admin actions that change something: one line per request, failures included, named by
/// the handler that served it (the endpoint name locally, the function name in Azure: the same). The model
/// lifecycle and the alert test write their own, richer lines (<c>model.*</c>, <c>alert.test</c>), so their routes are not listed here. Lines hold the
/// method, path, route values, status, the job a request started and the error; never a header, query or body,
/// which may carry secrets.
/// </summary>
public static class AdminAudit
{
    private static readonly FrozenDictionary<string, string> Actions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [nameof(JobsApi.SetJobPriority)] = "job.priority",
        [nameof(JobsApi.PauseJob)] = "job.pause",
        [nameof(JobsApi.ResumeJob)] = "job.resume",
        [nameof(JobsApi.RetryJob)] = "job.retry",
        [nameof(JobsApi.CancelJob)] = "job.cancel",
        [nameof(JobSubmissionApi.StartFetch)] = "job.submit",
        [nameof(JobSubmissionApi.StartClassify)] = "job.submit",
        [nameof(JobSubmissionApi.StartTrain)] = "job.submit",
        [nameof(RenderApi.StartRender)] = "render.submit",
        [nameof(RenderApi.InvalidateAvailability)] = "cache.invalidate",
        [nameof(Operations.BackupApi.StartBackup)] = "backup.create",
        [nameof(Classification.ClassificationApi.ClearClassifications)] = "classifications.clear",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The audit action of a handler; null for handlers that read only or audit themselves.</summary>
    public static string? ActionOf(string? handler) => handler is not null && Actions.TryGetValue(handler, out string? action) ? action : null;

    /// <summary>Appends the request's line. A trail that cannot be written is logged, not answered: the action has happened.</summary>
    public static async Task RecordAsync(HttpContext http, string action, int status, object? value, string? error)
    {
        var details = new JsonObject { ["method"] = http.Request.Method, ["path"] = http.Request.Path.Value, ["status"] = status };
        foreach ((string key, object? routeValue) in http.Request.RouteValues)
        {
            if (routeValue is string text && key is not ("action" or "controller"))
            {
                details[key] = text;
            }
        }

        if (value is JobAccepted accepted)
        {
            details["jobId"] = accepted.Job.Id;
            details["type"] = accepted.Job.Type;
        }

        if (error is not null)
        {
            details["error"] = error;
        }

        IServiceProvider services = http.RequestServices;
        var entry = new AuditEntry(services.GetRequiredService<TimeProvider>().GetUtcNow(), action, AdminAuthorization.ActorOf(http), details, status < 400);
        try
        {
            await services.GetRequiredService<IAuditLog>().AppendAsync(entry, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AdminAudit)).AuditNotWritten(ex, action);
        }
    }

    /// <summary>The status and error of a handler's result, as the response will carry them.</summary>
    public static (int Status, object? Value, string? Error) Outcome(object? result) => result switch
    {
        ProblemHttpResult problem => (problem.StatusCode, null, problem.ProblemDetails.Detail),
        IStatusCodeHttpResult coded and IValueHttpResult valued => (coded.StatusCode ?? StatusCodes.Status200OK, valued.Value, null),
        IStatusCodeHttpResult coded => (coded.StatusCode ?? StatusCodes.Status200OK, null, null),
        INestedHttpResult nested => Outcome(nested.Result),
        _ => (StatusCodes.Status200OK, null, null),
    };

    /// <summary>The local host's filter, added by <see cref="AdminAuthorization.RequireAdminToken{TBuilder}"/>.</summary>
    internal sealed class Filter : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            HttpContext http = context.HttpContext;
            if (ActionOf(http.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName) is not { } action)
            {
                return await next(context);
            }

            object? result;
            try
            {
                result = await next(context);
            }
            catch (Exception ex)
            {
                int status = (Problems.ApiErrors.ToResult(ex) as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status500InternalServerError;
                await RecordAsync(http, action, status, null, ex.Message);
                throw;
            }

            (int code, object? value, string? error) = Outcome(result);
            await RecordAsync(http, action, code, value, error);
            return result;
        }
    }
}
