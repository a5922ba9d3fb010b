using System.Text.Json.Serialization;
using SidFlow.Core.Jobs;

namespace SidFlow.Core.Render;

/// <summary>
/// A render for the Ultimate 64 edge agent, sent on the <c>render-u64</c> queue. <see cref="ReplyTo"/> names the
/// job run's orchestration, which waits for the answer as the event <see cref="AnswerEventOf"/>.
/// </summary>
public sealed record HardwareRenderRequest(
    [property: JsonPropertyName("requestId")] string RequestId,
    [property: JsonPropertyName("sidPath")] string SidPath,
    [property: JsonPropertyName("subtune")] int Subtune,
    [property: JsonPropertyName("durationSec")] double DurationSec,
    [property: JsonPropertyName("formats")] IReadOnlyList<string> Formats,
    [property: JsonPropertyName("bitrate")] int Bitrate,
    [property: JsonPropertyName("requestedAt")] long RequestedAt)
{
    [JsonPropertyName("replyTo")]
    public string? ReplyTo { get; init; }

    public static string AnswerEventOf(string requestId) => "hardware-render:" + requestId;
}

/// <summary>
/// The agent's answer: kept at <c>state/u64/results/{requestId}.json</c> (so a repeated delivery is not rendered
/// twice) and sent on <c>render-u64-answers</c>, from where it is raised on the waiting orchestration.
/// </summary>
public sealed record HardwareRenderResult(
    [property: JsonPropertyName("requestId")] string RequestId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("finishedAt")] long FinishedAt)
{
    public const string Done = "done";
    public const string Failed = "failed";

    [JsonPropertyName("replyTo")]
    public string? ReplyTo { get; init; }

    /// <summary>A failure another attempt may not repeat (the device was unreachable, the stream lost too much).</summary>
    [JsonPropertyName("retryable")]
    public bool Retryable { get; init; }

    /// <summary>The packet loss of the capture that was kept (or of the last attempt, when it failed).</summary>
    [JsonPropertyName("packetLoss")]
    public double? PacketLoss { get; init; }

    [JsonPropertyName("attempts")]
    public int Attempts { get; init; }

    [JsonPropertyName("agent")]
    public string? Agent { get; init; }

    public JobItemAnswer ToItemAnswer() => new(Status == Done, Status == Done ? null : $"the Ultimate 64 edge agent{(Agent is null ? string.Empty : " " + Agent)}: {Error ?? Status}", Retryable);
}

/// <summary>An answer taken from <c>render-u64-answers</c>; <see cref="Receipt"/> removes it once relayed.</summary>
public sealed record ReceivedHardwareAnswer(HardwareRenderResult? Answer, string MessageId, string Receipt);

/// <summary>The server's side of the hand-over: send requests, take the agents' answers.</summary>
public interface IHardwareRenderQueue
{
    Task SendAsync(HardwareRenderRequest request, CancellationToken cancellationToken);

    Task<IReadOnlyList<ReceivedHardwareAnswer>> ReceiveAnswersAsync(int max, CancellationToken cancellationToken);

    Task RemoveAnswerAsync(ReceivedHardwareAnswer answer, CancellationToken cancellationToken);
}

/// <summary>A request taken from the queue; <see cref="Receipt"/> removes it once answered.</summary>
public sealed record ReceivedHardwareRender(HardwareRenderRequest? Request, string Receipt, string MessageId, long DequeueCount, string? Unreadable);

/// <summary>The agent's side: take requests, keep them invisible while working, answer, remove.</summary>
public interface IHardwareRenderInbox
{
    /// <summary>The next request, invisible to other agents for <paramref name="visibility"/>; null when there is none.</summary>
    Task<ReceivedHardwareRender?> ReceiveAsync(TimeSpan visibility, CancellationToken cancellationToken);

    /// <summary>Keeps a request invisible for another <paramref name="visibility"/>; returns the new receipt.</summary>
    Task<string> ExtendAsync(ReceivedHardwareRender received, string receipt, TimeSpan visibility, CancellationToken cancellationToken);

    Task<bool> IsAnsweredAsync(string requestId, CancellationToken cancellationToken);

    /// <summary>Keeps the answer and sends it to the server (first the record, then the message: a crash between repeats only the message).</summary>
    Task AnswerAsync(HardwareRenderResult result, CancellationToken cancellationToken);

    Task RemoveAsync(ReceivedHardwareRender received, string receipt, CancellationToken cancellationToken);
}
