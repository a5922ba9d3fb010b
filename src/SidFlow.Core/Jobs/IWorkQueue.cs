namespace SidFlow.Core.Jobs;

/// <summary>The work queues, one per priority level, with at-least-once delivery.</summary>
public interface IWorkQueue
{
    Task SendAsync(int priority, WorkMessage message, TimeSpan? delay, CancellationToken cancellationToken);

    Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int priority, int maxMessages, TimeSpan visibility, CancellationToken cancellationToken);

    Task DeleteAsync(ReceivedMessage message, CancellationToken cancellationToken);

    /// <summary>Keeps a message hidden for another <paramref name="visibility"/>; returns it with its new receipt.</summary>
    Task<ReceivedMessage> ExtendAsync(ReceivedMessage message, TimeSpan visibility, CancellationToken cancellationToken);

    /// <summary>Moves a message to <c>&lt;queue&gt;-poison</c> with the reason, and deletes it.</summary>
    Task PoisonAsync(ReceivedMessage message, string reason, CancellationToken cancellationToken);

    Task<long> ApproximateCountAsync(int priority, CancellationToken cancellationToken);
}

/// <summary>A received message with what the queue needs to delete or extend it.</summary>
public sealed record ReceivedMessage(int Priority, string MessageId, string PopReceipt, long DequeueCount, string Text);
