using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace SidFlow.Core.Render;

/// <summary>A render for the Ultimate 64 edge agent, sent on the <c>render-u64</c> queue.</summary>
public sealed record HardwareRenderRequest(
    [property: JsonPropertyName("requestId")] string RequestId,
    [property: JsonPropertyName("sidPath")] string SidPath,
    [property: JsonPropertyName("subtune")] int Subtune,
    [property: JsonPropertyName("durationSec")] double DurationSec,
    [property: JsonPropertyName("formats")] IReadOnlyList<string> Formats,
    [property: JsonPropertyName("bitrate")] int Bitrate,
    [property: JsonPropertyName("requestedAt")] long RequestedAt);

/// <summary>The agent's answer, written where <see cref="IHardwareRenderQueue.ReadResultAsync"/> reads it.</summary>
public sealed record HardwareRenderResult(
    [property: JsonPropertyName("requestId")] string RequestId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("finishedAt")] long FinishedAt)
{
    public const string Done = "done";
    public const string Failed = "failed";

    /// <summary>The packet loss of the capture that was kept (or of the last attempt, when it failed).</summary>
    [JsonPropertyName("packetLoss")]
    public double? PacketLoss { get; init; }

    [JsonPropertyName("attempts")]
    public int Attempts { get; init; }

    [JsonPropertyName("agent")]
    public string? Agent { get; init; }
}

/// <summary>The server's side of the hand-over: send a request, read the agent's answer.</summary>
public interface IHardwareRenderQueue
{
    Task SendAsync(HardwareRenderRequest request, CancellationToken cancellationToken);

    Task<HardwareRenderResult?> ReadResultAsync(string requestId, CancellationToken cancellationToken);
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

    Task AnswerAsync(HardwareRenderResult result, CancellationToken cancellationToken);

    Task RemoveAsync(ReceivedHardwareRender received, string receipt, CancellationToken cancellationToken);
}

/// <summary>
/// The <c>ultimate64</c> engine: it hands the render to the edge agent (which captures the device's
/// stream, encodes, uploads and records availability) and waits for its answer within
/// <c>render.ultimate64.timeout</c>. Without an agent the render fails with that reason.
/// </summary>
public sealed class Ultimate64RenderClient(IHardwareRenderQueue queue, IOptions<RenderOptions> options, TimeProvider time)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    public async Task RenderAsync(HardwareRenderRequest request, CancellationToken cancellationToken)
    {
        TimeSpan timeout = TimeSpan.FromMilliseconds(options.Value.Ultimate64.Timeout);
        await queue.SendAsync(request, cancellationToken);
        DateTimeOffset deadline = time.GetUtcNow() + timeout;
        while (time.GetUtcNow() < deadline)
        {
            if (await queue.ReadResultAsync(request.RequestId, cancellationToken) is { } result)
            {
                if (result.Status == HardwareRenderResult.Done)
                {
                    return;
                }

                throw new RenderException($"the Ultimate 64 edge agent could not render {request.SidPath}: {result.Error ?? result.Status}");
            }

            await Task.Delay(Poll, cancellationToken);
        }

        throw new RenderException($"no Ultimate 64 edge agent answered within {timeout.TotalSeconds:0.#} s (request {request.RequestId} on the render-u64 queue)");
    }
}
