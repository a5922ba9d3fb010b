namespace SidFlow.Functions.Triggers;

public static class FunctionEndpoints
{
    /// <summary>The host reads Outputs, Logs and ReturnValue as written: no camel-casing.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions HostJson = new() { PropertyNamingPolicy = null };

    /// <summary>Maps <c>POST /{FunctionName}</c> for every registered trigger, as the custom-handler contract requires.</summary>
    public static IEndpointRouteBuilder MapFunctionTriggers(this IEndpointRouteBuilder routes, IEnumerable<IFunctionTrigger> triggers)
    {
        foreach (IFunctionTrigger trigger in triggers)
        {
            routes.MapPost("/" + trigger.Name, async (HttpContext http, CancellationToken ct) =>
            {
                FunctionInvocation? invocation;
                try
                {
                    invocation = await http.Request.ReadFromJsonAsync<FunctionInvocation>(ct);
                }
                catch (System.Text.Json.JsonException ex)
                {
                    return Results.Json(new FunctionResponse(new Dictionary<string, object?>(), [$"invalid invocation payload: {ex.Message}"], null), HostJson,
                        statusCode: StatusCodes.Status400BadRequest);
                }

                FunctionOutcome outcome = await trigger.InvokeAsync(invocation ?? new FunctionInvocation(null, null), ct);
                return Results.Json(new FunctionResponse(new Dictionary<string, object?>(), outcome.Logs, outcome.ReturnValue), HostJson,
                    statusCode: outcome.Succeeded ? StatusCodes.Status200OK : StatusCodes.Status500InternalServerError);
            })
            .ExcludeFromDescription();
        }

        return routes;
    }
}
