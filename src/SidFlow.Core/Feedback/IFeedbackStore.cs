namespace SidFlow.Core.Feedback;

/// <summary>
/// Listener events, append-only in <c>feedback/yyyy/MM/dd.jsonl</c> (by the day they arrived), each event id
/// stored once: a resent event is recognised and not stored again.
/// </summary>
public interface IFeedbackStore
{
    /// <summary>Stores the events not stored before, together; returns how many were new.</summary>
    Task<int> AppendAsync(IReadOnlyList<FeedbackEvent> events, CancellationToken cancellationToken);

    /// <summary>Every stored event (once each, should a crash ever have written one twice), optionally only those received since a time.</summary>
    IAsyncEnumerable<FeedbackEvent> ReadAsync(DateTimeOffset? receivedSince, CancellationToken cancellationToken);
}

/// <summary>The secret the listener ids are hashed with (<c>SIDFLOW_LISTENER_SALT</c>, or one made once and kept in storage).</summary>
public interface IListenerSaltSource
{
    Task<byte[]> GetAsync(CancellationToken cancellationToken);
}
