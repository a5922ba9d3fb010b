using Microsoft.AspNetCore.Diagnostics;

namespace SidFlow.Api.Problems;

/// <summary>The local host's exception handler: the domain's typed errors become their answers (<see cref="ApiErrors"/>); the rest stays a 500.</summary>
public sealed class ApiExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (ApiErrors.ToResult(exception) is not { } result)
        {
            return false;
        }

        await result.ExecuteAsync(httpContext);
        return true;
    }
}
