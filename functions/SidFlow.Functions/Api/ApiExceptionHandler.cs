using Microsoft.AspNetCore.Diagnostics;
using SidFlow.Core.Hvsc;
using SidFlow.Core.Jobs;

namespace SidFlow.Functions.Api;

/// <summary>
/// Turns the domain's typed errors into RFC 9457 problem details: 400 bad input, 404 unknown job,
/// 409 illegal transition, 501 a job type this version does not provide. Anything else stays a 500.
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is SidFlow.Core.Render.RenderModeException mode)
        {
            // The render-mode error keeps the guide's own shape: error, details, suggestions.
            httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
            await httpContext.Response.WriteAsJsonAsync(mode.Error, cancellationToken);
            return true;
        }

        (int status, string title, string detail)? mapped = exception switch
        {
            BadHttpRequestException e => (e.StatusCode, "Bad request", e.Message),
            JobConfigException e => (StatusCodes.Status400BadRequest, "Bad request", e.Message),
            InvalidHvscPathException e => (StatusCodes.Status400BadRequest, "Bad request", e.Message),
            JobNotFoundException e => (StatusCodes.Status404NotFound, "Not found", e.Message),
            JobTransitionException e => (StatusCodes.Status409Conflict, "Conflict", e.Message),
            JobTypeUnavailableException e => (StatusCodes.Status501NotImplemented, "Not implemented",
                $"{e.Message}: it arrives with a later release; the job engine accepts it then"),
            _ => null,
        };
        if (mapped is not { } m)
        {
            return false;
        }

        httpContext.Response.StatusCode = m.status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = m.status, Title = m.title, Detail = m.detail },
        });
    }
}
