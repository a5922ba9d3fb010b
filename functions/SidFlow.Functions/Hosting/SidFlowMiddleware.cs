using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Hosting;
using SidFlow.Api.Http;
using SidFlow.Api.Metrics;
using SidFlow.Api.Problems;
using SidFlow.Api.Security;

namespace SidFlow.Functions.Hosting;

/// <summary>
/// What the local host's pipeline does around a handler, for HTTP triggers: the security headers, the public
/// routes' rate limit, the admin token check of functions marked <see cref="AdminOnlyAttribute"/> with the audit
/// line of the admin actions, and the domain's typed errors answered as the API's problem details.
/// </summary>
public static class SidFlowMiddleware
{
    public static IFunctionsWorkerApplicationBuilder UseSidFlowMiddleware(this IFunctionsWorkerApplicationBuilder worker)
    {
        worker.UseMiddleware<SecurityHeadersMiddleware>();
        worker.UseMiddleware<ApiErrorMiddleware>();
        worker.UseMiddleware<AdminTokenMiddleware>();
        return worker;
    }

    private sealed class ApiErrorMiddleware : IFunctionsWorkerMiddleware
    {
        public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
        {
            try
            {
                await next(context);
            }
            catch (Exception ex) when (context.GetHttpContext() is { } http && ApiErrors.ToResult(ex.InnerException ?? ex) is { } answer)
            {
                await answer.ExecuteAsync(http);
            }
        }
    }

    /// <summary>Security headers on every HTTP response; the request counted in the Prometheus metrics and written to the access log.</summary>
    private sealed class SecurityHeadersMiddleware(ServiceMetrics metrics, IAccessLog access, TimeProvider time) : IFunctionsWorkerMiddleware
    {
        public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
        {
            if (context.GetHttpContext() is not { } http)
            {
                await next(context);
                return;
            }

            SecurityHeaders.AddOnStarting(http);
            long start = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                int status = http.Response.HasStarted ? http.Response.StatusCode
                    : AdminAudit.Outcome(context.GetInvocationResult().Value).Status;
                TimeSpan took = Stopwatch.GetElapsedTime(start);
                metrics.ObserveRequest(http.Request.Method, context.FunctionDefinition.Name, status, took);
                access.Write(new AccessLogEntry(time.GetUtcNow(), http.Request.Method, context.FunctionDefinition.Name, context.FunctionDefinition.Name, status, Math.Round(took.TotalMilliseconds, 2)));
            }
        }
    }

    private sealed class AdminTokenMiddleware(AdminToken token, ClientRateLimits limits) : IFunctionsWorkerMiddleware
    {
        private static readonly ConcurrentDictionary<string, bool> AdminOnly = new(StringComparer.Ordinal);

        public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
        {
            if (context.GetHttpContext() is not { } http)
            {
                await next(context);
                return;
            }

            if (!IsAdminOnly(context.FunctionDefinition.EntryPoint))
            {
                if (limits.TakePublic(http) is { IsAllowed: false } limited)
                {
                    await limited.ToResult(http, "too many requests from this client; try again later").ExecuteAsync(http);
                    return;
                }

                await next(context);
                return;
            }

            if (AdminAuthorization.Check(http, token) is { } refusal)
            {
                await refusal.ExecuteAsync(http);
                return;
            }

            if (AdminAudit.ActionOf(context.FunctionDefinition.Name) is not { } action)
            {
                await next(context);
                return;
            }

            try
            {
                await next(context);
            }
            catch (Exception ex)
            {
                Exception cause = ex.InnerException ?? ex;
                await AdminAudit.RecordAsync(http, action, (ApiErrors.ToResult(cause) as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status500InternalServerError, null, cause.Message);
                throw;
            }

            (int status, object? value, string? error) = AdminAudit.Outcome(context.GetInvocationResult().Value);
            await AdminAudit.RecordAsync(http, action, status, value, error);
        }

        /// <summary>Whether the function's method (its entry point, <c>Namespace.Type.Method</c>) carries <see cref="AdminOnlyAttribute"/>.</summary>
        private static bool IsAdminOnly(string entryPoint) => AdminOnly.GetOrAdd(entryPoint, static e =>
        {
            int dot = e.LastIndexOf('.');
            MethodInfo? method = typeof(SidFlowMiddleware).Assembly.GetType(e[..dot])?.GetMethod(e[(dot + 1)..]);
            return method?.GetCustomAttribute<AdminOnlyAttribute>() is not null || method?.DeclaringType?.GetCustomAttribute<AdminOnlyAttribute>() is not null;
        });
    }
}
