using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using SidFlow.Core.Render;

namespace SidFlow.Storage.Render;

/// <summary>
/// The edge agent's end of <see cref="QueueHardwareRenderQueue"/>: requests come off <c>render-u64</c> with a
/// visibility timeout the agent extends while it captures, so a crashed agent's request comes back to the
/// queue; answers go to <c>state/u64/results/{requestId}.json</c> and then on <c>render-u64-answers</c> before
/// the request is removed, so a crash between them only repeats a step.
/// </summary>
public sealed class QueueHardwareRenderInbox(StorageClients storage) : IHardwareRenderInbox
{
    private readonly QueueClient _queue = storage.Queue(storage.Names.RenderU64Queue);
    private readonly QueueClient _answers = storage.Queue(storage.Names.RenderU64AnswersQueue);
    private readonly BlobContainerClient _state = storage.Container(storage.Names.StateContainer);

    public async Task<ReceivedHardwareRender?> ReceiveAsync(TimeSpan visibility, CancellationToken cancellationToken)
    {
        QueueMessage? message = (await _queue.ReceiveMessageAsync(visibility, cancellationToken)).Value;
        if (message is null)
        {
            return null;
        }

        try
        {
            HardwareRenderRequest? request = JsonSerializer.Deserialize<HardwareRenderRequest>(message.Body.ToStream());
            return request is { RequestId.Length: > 0, SidPath.Length: > 0 }
                ? new ReceivedHardwareRender(request, message.PopReceipt, message.MessageId, message.DequeueCount, null)
                : new ReceivedHardwareRender(null, message.PopReceipt, message.MessageId, message.DequeueCount, "the message has no requestId or sidPath");
        }
        catch (JsonException ex)
        {
            return new ReceivedHardwareRender(null, message.PopReceipt, message.MessageId, message.DequeueCount, $"the message is not a render request: {ex.Message}");
        }
    }

    public async Task<string> ExtendAsync(ReceivedHardwareRender received, string receipt, TimeSpan visibility, CancellationToken cancellationToken) =>
        (await _queue.UpdateMessageAsync(received.MessageId, receipt, (BinaryData?)null, visibility, cancellationToken)).Value.PopReceipt;

    public async Task<bool> IsAnsweredAsync(string requestId, CancellationToken cancellationToken) =>
        await _state.GetBlobClient(QueueHardwareRenderQueue.ResultBlob(requestId)).ExistsAsync(cancellationToken);

    public async Task AnswerAsync(HardwareRenderResult result, CancellationToken cancellationToken)
    {
        await _state.GetBlobClient(QueueHardwareRenderQueue.ResultBlob(result.RequestId))
            .UploadAsync(BinaryData.FromObjectAsJson(result), overwrite: true, cancellationToken);
        await _answers.SendMessageAsync(JsonSerializer.Serialize(result), null, TimeSpan.FromDays(1), cancellationToken);
    }

    public async Task RemoveAsync(ReceivedHardwareRender received, string receipt, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.DeleteMessageAsync(received.MessageId, receipt, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already removed (a repeated removal after a crash).
        }
    }
}
