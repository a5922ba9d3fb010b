using SidFlow.Core.Backup;
using SidFlow.Core.Feedback;
using SidFlow.Core.Hvsc;
using SidFlow.Core.Jobs;
using SidFlow.Core.Models;
using SidFlow.Core.Render;

namespace SidFlow.Api.Problems;

/// <summary>
/// The domain's typed errors as answers, for both hosts: RFC 9457 problem details for 400 bad input, 404 unknown
/// job, 409 a control the job's state does not allow, 501 a job type this version does not provide; the
/// render-mode error keeps the guide's own shape (<c>error</c>, <c>details</c>, <c>suggestions</c>).
/// Anything else is not an answer but a fault (500).
/// </summary>
public static class ApiErrors
{
    public static IResult? ToResult(Exception exception) => exception switch
    {
        RenderModeException mode => TypedResults.BadRequest(mode.Error),
        BadHttpRequestException e => Problem(e.StatusCode, "Bad request", e.Message),
        JobConfigException e => ApiProblems.BadRequest(e.Message),
        InvalidHvscPathException e => ApiProblems.BadRequest(e.Message),
        JobNotFoundException e => ApiProblems.NotFound(e.Message),
        JobTransitionException e => ApiProblems.Conflict(e.Message),
        JobTypeUnavailableException e => ApiProblems.NotImplemented($"{e.Message}: it arrives with a later release; the job engine accepts it then"),
        FeedbackValidationException e => TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "Bad request",
            extensions: new Dictionary<string, object?> { ["field"] = e.Field }),
        UnknownSongException e => ApiProblems.NotFound(e.Message),
        ModelNotFoundException e => ApiProblems.NotFound(e.Message),
        ModelStateException e => TypedResults.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "Conflict",
            extensions: new Dictionary<string, object?> { ["failedGates"] = e.FailedGates }),
        ModelConflictException e => ApiProblems.Conflict(e.Message),
        ModelIntegrityException e => ApiProblems.Conflict(e.Message),
        ModelSchemaException e => ApiProblems.Conflict(e.Message),
        BackupRefusedException e => ApiProblems.Conflict(e.Message),
        _ => null,
    };

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title);
}
