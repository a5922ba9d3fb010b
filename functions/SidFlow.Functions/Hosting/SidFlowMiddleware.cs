using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Hosting;
using SidFlow.Api.Problems;
using SidFlow.Api.Security;

namespace SidFlow.Functions.Hosting;

/// <summary>
/// What the local host's pipeline does around a handler, for HTTP triggers: the admin token check of functions
/// marked <see cref="AdminOnlyAttribute"/>, and the domain's typed errors answered as the API's problem details.
/// </summary>
public static class SidFlowMiddleware
{
    public static IFunctionsWorkerApplicationBuilder UseSidFlowMiddleware(this IFunctionsWorkerApplicationBuilder worker)
    {
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

    private sealed class AdminTokenMiddleware(AdminToken token) : IFunctionsWorkerMiddleware
    {
        private static readonly ConcurrentDictionary<string, bool> AdminOnly = new(StringComparer.Ordinal);

        public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
        {
            if (context.GetHttpContext() is { } http && IsAdminOnly(context.FunctionDefinition.EntryPoint)
                && AdminAuthorization.Check(http, token) is { } refusal)
            {
                await refusal.ExecuteAsync(http);
                return;
            }

            await next(context);
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
