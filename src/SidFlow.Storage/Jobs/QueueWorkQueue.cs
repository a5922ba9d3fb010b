using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using SidFlow.Core.Jobs;

namespace SidFlow.Storage.Jobs;

/// <summary>The <c>work-p10/p5/p1/p0</c> queues (Base64 bodies, as the Functions queue trigger expects).</summary>
public sealed class QueueWorkQueue(StorageClients storage) : IWorkQueue
{
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    public async Task SendAsync(int priority, WorkMessage message, TimeSpan? delay, CancellationToken cancellationToken) =>
        await QueueFor(priority).SendMessageAsync(message.ToJson(), delay, NeverExpires, cancellationToken);

    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int priority, int maxMessages, TimeSpan visibility, CancellationToken cancellationToken)
    {
        QueueMessage[] messages = (await QueueFor(priority).ReceiveMessagesAsync(Math.Clamp(maxMessages, 1, 32), visibility, cancellationToken)).Value;
        return messages.Select(m => new ReceivedMessage(priority, m.MessageId, m.PopReceipt, m.DequeueCount, m.Body.ToString())).ToArray();
    }

    public async Task DeleteAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await QueueFor(message.Priority).DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already deleted, or taken over by another worker after its visibility ran out.
        }
    }

    public async Task<ReceivedMessage> ExtendAsync(ReceivedMessage message, TimeSpan visibility, CancellationToken cancellationToken)
    {
        UpdateReceipt receipt = (await QueueFor(message.Priority).UpdateMessageAsync(message.MessageId, message.PopReceipt,
            visibilityTimeout: visibility, cancellationToken: cancellationToken)).Value;
        return message with { PopReceipt = receipt.PopReceipt };
    }

    public async Task PoisonAsync(ReceivedMessage message, string reason, CancellationToken cancellationToken)
    {
        // The body goes unchanged, as the Functions host moves it, so an operator can requeue it as is.
        QueueClient poison = storage.Queue(StorageNames.PoisonQueueOf(storage.Names.WorkQueue(message.Priority)));
        await poison.SendMessageAsync(message.Text, null, NeverExpires, cancellationToken);
        await DeleteAsync(message, cancellationToken);
    }

    public async Task<long> ApproximateCountAsync(int priority, CancellationToken cancellationToken) =>
        (await QueueFor(priority).GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCountLong;

    private QueueClient QueueFor(int priority) =>
        JobPriority.IsValid(priority)
            ? storage.Queue(storage.Names.WorkQueue(priority))
            : throw new ArgumentOutOfRangeException(nameof(priority), priority, "not a priority level");
}
