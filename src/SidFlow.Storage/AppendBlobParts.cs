using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace SidFlow.Storage;

/// <summary>
/// An append-only JSON-lines log cut into blobs by period (<c>{stem}.jsonl</c>, then <c>{stem}-2.jsonl</c>... once a
/// blob has taken Azure's 50,000 appends): one block per call, so a block's lines land together.
/// </summary>
public static class AppendBlobParts
{
    private const int MaxParts = 100;
    private static readonly AppendBlobCreateOptions NdJson = new() { HttpHeaders = new BlobHttpHeaders { ContentType = "application/x-ndjson" } };

    public static async Task AppendAsync(BlobContainerClient container, string stem, byte[] block, CancellationToken cancellationToken)
    {
        for (int part = 1; ; part++)
        {
            AppendBlobClient blob = container.GetAppendBlobClient(part == 1 ? $"{stem}.jsonl" : $"{stem}-{part}.jsonl");
            await blob.CreateIfNotExistsAsync(NdJson, cancellationToken);
            try
            {
                using var stream = new MemoryStream(block);
                await blob.AppendBlockAsync(stream, cancellationToken: cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.BlockCountExceedsLimit && part < MaxParts)
            {
                // This period's blob is full: the next part takes the rest of it.
            }
        }
    }
}
