using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using SidFlow.Core.Feedback;

namespace SidFlow.Storage.Feedback;

/// <summary>
/// Feedback as JSON lines in append blobs, one per day of arrival (<c>feedback/yyyy/MM/dd.jsonl</c>, then
/// <c>dd-2.jsonl</c>... once a blob has taken its 50,000 appends). The <c>feedbackids</c> table holds the id of
/// every stored event. The events whose id is not there are appended in one block, and only then are their ids
/// recorded: a crash in between loses nothing (the client's resend appends the event again, and readers drop a
/// repeated id), where recording first would lose an event whose append never happened.
/// </summary>
public sealed class BlobFeedbackStore(StorageClients storage, TimeProvider time) : IFeedbackStore
{
    private const int ParallelRequests = 8;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly BlobContainerClient _container = storage.Container(storage.Names.FeedbackContainer);
    private readonly TableClient _ids = storage.Table(storage.Names.FeedbackIdsTable);

    public async Task<int> AppendAsync(IReadOnlyList<FeedbackEvent> events, CancellationToken cancellationToken)
    {
        List<FeedbackEvent> fresh = await NotStoredAsync(events, cancellationToken);
        if (fresh.Count == 0)
        {
            return 0;
        }

        var block = new StringBuilder();
        foreach (FeedbackEvent e in fresh)
        {
            block.Append(JsonSerializer.Serialize(e, Json)).Append('\n');
        }

        await AppendBlobParts.AppendAsync(_container, time.GetUtcNow().UtcDateTime.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture), Encoding.UTF8.GetBytes(block.ToString()), cancellationToken);
        await RecordIdsAsync(fresh, cancellationToken);
        return fresh.Count;
    }

    public async IAsyncEnumerable<FeedbackEvent> ReadAsync(DateTimeOffset? receivedSince, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<Guid>();
        string? from = receivedSince?.UtcDateTime.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture);
        await foreach (BlobItem blob in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, null, cancellationToken))
        {
            if (from is not null && string.CompareOrdinal(blob.Name[..Math.Min(10, blob.Name.Length)], from) < 0)
            {
                continue;
            }

            BlobDownloadResult content = (await _container.GetBlobClient(blob.Name).DownloadContentAsync(cancellationToken)).Value;
            foreach (string line in content.Content.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                FeedbackEvent? e = JsonSerializer.Deserialize<FeedbackEvent>(line, Json);
                if (e is not null && (receivedSince is null || e.ReceivedAt >= receivedSince) && seen.Add(e.EventId))
                {
                    yield return e;
                }
            }
        }
    }

    /// <summary>The events whose id is not recorded, in time order.</summary>
    private async Task<List<FeedbackEvent>> NotStoredAsync(IReadOnlyList<FeedbackEvent> events, CancellationToken cancellationToken)
    {
        var fresh = new System.Collections.Concurrent.ConcurrentBag<FeedbackEvent>();
        await Parallel.ForEachAsync(events, new ParallelOptions { MaxDegreeOfParallelism = ParallelRequests, CancellationToken = cancellationToken }, async (e, ct) =>
        {
            NullableResponse<TableEntity> row = await _ids.GetEntityIfExistsAsync<TableEntity>(PartitionOf(e.EventId), e.EventId.ToString("N"), ["PartitionKey"], ct);
            if (!row.HasValue)
            {
                fresh.Add(e);
            }
        });
        return [.. fresh.OrderBy(e => e.At).ThenBy(e => e.EventId)];
    }

    private async Task RecordIdsAsync(IEnumerable<FeedbackEvent> events, CancellationToken cancellationToken) =>
        await Parallel.ForEachAsync(events.GroupBy(e => PartitionOf(e.EventId)).SelectMany(p => p.Chunk(TableBatches.MaxOperations)),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelRequests, CancellationToken = cancellationToken }, async (chunk, ct) =>
                await _ids.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, IdRow(e))), ct));

    private static TableEntity IdRow(FeedbackEvent e) => new(PartitionOf(e.EventId), e.EventId.ToString("N")) { ["at"] = e.At };

    /// <summary>Sixteen partitions by the id's first hex digit: a batch of 500 lands in about 16 transactions.</summary>
    private static string PartitionOf(Guid id) => id.ToString("N")[..1];
}
