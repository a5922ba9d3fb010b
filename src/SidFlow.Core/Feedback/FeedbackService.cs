using SidFlow.Core.Catalog;

namespace SidFlow.Core.Feedback;

/// <summary>
/// Takes listener events: every song must be in the catalog (else <see cref="UnknownSongException"/>), the listener
/// is hashed, and the batch is stored together or not at all, each event id once.
/// </summary>
public sealed class FeedbackService(IFeedbackStore store, ICatalogStore catalog, ListenerHasher hasher, TimeProvider time)
{
    public const int MaxBatch = 500;

    public async Task<FeedbackReceipt> SubmitAsync(IReadOnlyList<FeedbackSubmission> submissions, CancellationToken cancellationToken)
    {
        foreach (IGrouping<string, FeedbackSubmission> song in submissions.GroupBy(s => s.SidPath, StringComparer.Ordinal))
        {
            CatalogEntry entry = await catalog.GetAsync(song.Key, cancellationToken) ?? throw new UnknownSongException(song.Key);
            if (song.FirstOrDefault(s => s.Subtune > Math.Max(1, entry.Songs)) is { } beyond)
            {
                throw new UnknownSongException($"{song.Key} #{beyond.Subtune} (it has {entry.Songs} songs)");
            }
        }

        DateTimeOffset now = time.GetUtcNow();
        var events = new List<FeedbackEvent>(submissions.Count);
        foreach (FeedbackSubmission s in submissions.DistinctBy(s => s.EventId))
        {
            events.Add(s.ToEvent(await hasher.HashAsync(s.Listener, cancellationToken), now));
        }

        int stored = await store.AppendAsync(events, cancellationToken);
        return new FeedbackReceipt(submissions.Count, stored, submissions.Count - stored);
    }
}

/// <param name="Duplicates">Events whose id was stored before (resent): acknowledged, not stored again.</param>
public sealed record FeedbackReceipt(int Received, int Stored, int Duplicates);
