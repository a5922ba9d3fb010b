using System.Text.Json.Nodes;
using SidFlow.Api.Http;
using SidFlow.Core.Feedback;
using SidFlow.Core.Telemetry;

namespace SidFlow.Api.Telemetry;

/// <summary><c>POST /api/telemetry</c>: playback sessions and failures from players (public, rate limited, anonymised).</summary>
public static class TelemetryApi
{
    public static IEndpointRouteBuilder MapTelemetryApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/telemetry", PostTelemetry).WithName(nameof(PostTelemetry)).WithTags("Telemetry")
            .WithSummary("One report {kind: session|failure, listener, sidPath, subtune, engine, seconds, error, at} or {\"events\": [...]} (1..100, all or nothing); the listener is stored hashed, the sender's address not at all")
            .Accepts<JsonObject>("application/json").Produces<TelemetryReceipt>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status400BadRequest);
        return routes;
    }

    public static async Task<Accepted<TelemetryReceipt>> PostTelemetry(HttpRequest request, TelemetryService telemetry, TimeProvider time, CancellationToken cancellationToken)
    {
        JsonObject body = await RequestJson.ReadOptionalObjectAsync(request, cancellationToken) ?? throw new FeedbackValidationException("body", "must be a playback report or {\"events\": [...]}");
        DateTimeOffset now = time.GetUtcNow();
        PlaybackReport[] reports;
        if (body["events"] is JsonArray events)
        {
            if (events.Count is 0 or > PlaybackReport.MaxBatch)
            {
                throw new FeedbackValidationException("events", $"must hold 1..{PlaybackReport.MaxBatch} reports");
            }

            if (body.Select(p => p.Key).FirstOrDefault(k => k != "events") is { } unknown)
            {
                throw new FeedbackValidationException(unknown, "is not a field of a telemetry batch");
            }

            reports = events.Select((e, i) => PlaybackReport.Parse(e, $"events[{i}].", now)).ToArray();
        }
        else
        {
            reports = [PlaybackReport.Parse(body, string.Empty, now)];
        }

        return TypedResults.Accepted((string?)null, new TelemetryReceipt(await telemetry.SubmitAsync(reports, cancellationToken)));
    }
}

public sealed record TelemetryReceipt(int Received);
