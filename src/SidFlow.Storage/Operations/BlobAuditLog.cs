using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using SidFlow.Core.Operations;

namespace SidFlow.Storage.Operations;

/// <summary><c>audit/admin-actions.jsonl</c>: one append blob, one JSON line per admin action, in the guide's shape.</summary>
public sealed class BlobAuditLog(StorageClients storage) : IAuditLog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly AppendBlobClient _blob = storage.Container(storage.Names.AuditContainer).GetAppendBlobClient("admin-actions.jsonl");
    private bool _created;

    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await _blob.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _created = true;
        }

        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entry, Json) + "\n"));
        await _blob.AppendBlockAsync(stream, cancellationToken: cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(string? actionPrefix, DateTimeOffset? since, int limit, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = (await _blob.DownloadContentAsync(cancellationToken)).Value.Content.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return [];
        }

        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<AuditEntry>(line, Json)!)
            .Where(e => (actionPrefix is null || e.Action.StartsWith(actionPrefix, StringComparison.Ordinal)) && (since is null || e.Timestamp >= since))
            .TakeLast(limit)
            .ToArray();
    }
}
