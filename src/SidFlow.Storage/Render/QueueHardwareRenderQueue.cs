using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using SidFlow.Core.Render;

namespace SidFlow.Storage.Render;

/// <summary>
/// Requests go on <c>render-u64</c> as JSON; the edge agent keeps its answer at <c>state/u64/results/{requestId}.json</c>
/// and sends it on <c>render-u64-answers</c>, which this end reads to raise it on the waiting orchestration.
/// </summary>
public sealed class QueueHardwareRenderQueue(StorageClients storage) : IHardwareRenderQueue
{
    // An answer not relayed within this long (the relay crashed) comes back for the next relay pass.
    private static readonly TimeSpan AnswerVisibility = TimeSpan.FromSeconds(30);

    private readonly QueueClient _answers = storage.Queue(storage.Names.RenderU64AnswersQueue);

    public static string ResultBlob(string requestId) => $"u64/results/{requestId}.json";

    public async Task SendAsync(HardwareRenderRequest request, CancellationToken cancellationToken) =>
        await storage.Queue(storage.Names.RenderU64Queue).SendMessageAsync(JsonSerializer.Serialize(request), null, TimeSpan.FromDays(1), cancellationToken);

    public async Task<IReadOnlyList<ReceivedHardwareAnswer>> ReceiveAnswersAsync(int max, CancellationToken cancellationToken)
    {
        QueueMessage[] messages = (await _answers.ReceiveMessagesAsync(Math.Clamp(max, 1, 32), AnswerVisibility, cancellationToken)).Value;
        return messages.Select(m => new ReceivedHardwareAnswer(Read(m.Body), m.MessageId, m.PopReceipt)).ToArray();
    }

    public async Task RemoveAnswerAsync(ReceivedHardwareAnswer answer, CancellationToken cancellationToken)
    {
        try
        {
            await _answers.DeleteMessageAsync(answer.MessageId, answer.Receipt, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Relayed twice (it became visible again meanwhile): the second removal finds nothing.
        }
    }

    /// <summary>An answer as sent; null when the message is not one (it is removed without relaying).</summary>
    public static HardwareRenderResult? Read(BinaryData body)
    {
        try
        {
            return JsonSerializer.Deserialize<HardwareRenderResult>(body.ToStream()) is { RequestId.Length: > 0 } answer ? answer : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
