using System.Collections.Concurrent;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using SidFlow.Core.Jobs;

namespace SidFlow.Storage.Jobs;

/// <summary>One append blob per job in <c>joblogs</c>: <c>{jobId}.log</c>, UTF-8 lines.</summary>
public sealed class BlobJobLog(StorageClients storage) : IJobLog
{
    private const int MaxBlock = 1 << 20;
    private readonly BlobContainerClient _container = storage.Container(storage.Names.JobLogsContainer);
    private readonly ConcurrentDictionary<string, bool> _created = new(StringComparer.Ordinal);

    public async Task AppendAsync(string jobId, IReadOnlyList<string> lines, CancellationToken cancellationToken)
    {
        if (lines.Count == 0)
        {
            return;
        }

        AppendBlobClient blob = _container.GetAppendBlobClient(BlobName(jobId));
        if (!_created.ContainsKey(jobId))
        {
            await blob.CreateIfNotExistsAsync(new AppendBlobCreateOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "text/plain; charset=utf-8" } }, cancellationToken);
            _created[jobId] = true;
        }

        var block = new StringBuilder();
        foreach (string line in lines)
        {
            if (block.Length + line.Length + 1 > MaxBlock / 4 && block.Length > 0)
            {
                await AppendBlockAsync(blob, block.ToString(), cancellationToken);
                block.Clear();
            }

            block.Append(line).Append('\n');
        }

        await AppendBlockAsync(blob, block.ToString(), cancellationToken);
    }

    public async Task<JobLogChunk> ReadAsync(string jobId, long offset, CancellationToken cancellationToken)
    {
        BlobClient blob = _container.GetBlobClient(BlobName(jobId));
        try
        {
            Response<BlobDownloadResult> result = await blob.DownloadContentAsync(new BlobDownloadOptions { Range = new HttpRange(offset) }, cancellationToken);
            byte[] bytes = result.Value.Content.ToArray();
            // Only whole lines, so a reader never sees half a UTF-8 sequence or half a line.
            int end = Array.LastIndexOf(bytes, (byte)'\n') + 1;
            return new JobLogChunk(Encoding.UTF8.GetString(bytes, 0, end), offset + end);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 416)
        {
            return new JobLogChunk(string.Empty, offset);
        }
    }

    private static async Task AppendBlockAsync(AppendBlobClient blob, string text, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        await blob.AppendBlockAsync(stream, cancellationToken: cancellationToken);
    }

    private static string BlobName(string jobId) => jobId + ".log";
}
