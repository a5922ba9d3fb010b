using System.Text.Json.Nodes;
using SidFlow.Api.Http;
using SidFlow.Core.Feedback;

namespace SidFlow.Api.Feedback;

/// <summary>The player's feedback: one event or a batch of up to 500, validated as a whole (a bad batch stores nothing).</summary>
public static class FeedbackApi
{
    public static IEndpointRouteBuilder MapFeedbackApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/feedback", PostFeedback).WithTags("Feedback").WithName(nameof(PostFeedback))
            .WithSummary("One listener event: {eventId, listener, sidPath, subtune, action, ratings?, positionSeconds?, at}; a resent eventId is stored once")
            .Accepts<JsonObject>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        routes.MapPost("/api/feedback/batch", PostFeedbackBatch).WithTags("Feedback").WithName(nameof(PostFeedbackBatch))
            .WithSummary("Up to 500 events: {\"events\": [...]}; one bad event (400, the field named) or unknown song (404) stores none")
            .Accepts<JsonObject>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    public static async Task<Accepted<FeedbackReceipt>> PostFeedback(HttpRequest request, FeedbackService feedback, TimeProvider time, CancellationToken cancellationToken)
    {
        JsonObject body = await RequestJson.ReadOptionalObjectAsync(request, cancellationToken) ?? throw new FeedbackValidationException("body", "must be a feedback event");
        FeedbackSubmission submission = FeedbackSubmission.Parse(body, string.Empty, time.GetUtcNow());
        return TypedResults.Accepted((string?)null, await feedback.SubmitAsync([submission], cancellationToken));
    }

    public static async Task<Accepted<FeedbackReceipt>> PostFeedbackBatch(HttpRequest request, FeedbackService feedback, TimeProvider time, CancellationToken cancellationToken)
    {
        JsonObject body = await RequestJson.ReadOptionalObjectAsync(request, cancellationToken) ?? throw new FeedbackValidationException("events", "are missing: send {\"events\": [...]}");
        if (body["events"] is not JsonArray events || events.Count == 0)
        {
            throw new FeedbackValidationException("events", "must be a non-empty array");
        }

        if (events.Count > FeedbackService.MaxBatch)
        {
            throw new FeedbackValidationException("events", $"holds {events.Count} events; at most {FeedbackService.MaxBatch} per batch");
        }

        if (body.Select(p => p.Key).FirstOrDefault(k => k != "events") is { } unknown)
        {
            throw new FeedbackValidationException(unknown, "is not a field of a feedback batch");
        }

        DateTimeOffset now = time.GetUtcNow();
        FeedbackSubmission[] submissions = events.Select((e, i) => FeedbackSubmission.Parse(e, $"events[{i}].", now)).ToArray();
        return TypedResults.Accepted((string?)null, await feedback.SubmitAsync(submissions, cancellationToken));
    }
}
