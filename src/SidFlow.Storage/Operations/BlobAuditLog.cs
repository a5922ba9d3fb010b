using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using SidFlow.Core.Operations;

namespace SidFlow.Storage.Operations;

/// <summary>
/// <c>audit/admin-actions.jsonl</c>: one JSON line per admin action, in the guide's shape, appended. When that blob
/// has taken Azure's 50,000 appends the trail goes on in <c>admin-actions-2.jsonl</c> and so on, read in order.
/// </summary>
public sealed class BlobAuditLog(StorageClients storage) : IAuditLog
{
    private const string Stem = "admin-actions";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly BlobContainerClient _container = storage.Container(storage.Names.AuditContainer);

    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken) =>
        AppendBlobParts.AppendAsync(_container, Stem, Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entry, Json) + "\n"), cancellationToken);

    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(string? actionPrefix, DateTimeOffset? since, int limit, CancellationToken cancellationToken)
    {
        var parts = new List<(int Part, string Name)>();
        await foreach (BlobItem blob in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, Stem, cancellationToken))
        {
            string suffix = blob.Name[Stem.Length..^".jsonl".Length];
            parts.Add((suffix.Length == 0 ? 1 : int.Parse(suffix[1..], System.Globalization.CultureInfo.InvariantCulture), blob.Name));
        }

        var entries = new List<AuditEntry>();
        foreach ((_, string name) in parts.OrderBy(p => p.Part))
        {
            string text = (await _container.GetBlobClient(name).DownloadContentAsync(cancellationToken)).Value.Content.ToString();
            entries.AddRange(text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonSerializer.Deserialize<AuditEntry>(line, Json)!)
                .Where(e => (actionPrefix is null || e.Action.StartsWith(actionPrefix, StringComparison.Ordinal)) && (since is null || e.Timestamp >= since)));
        }

        return entries.TakeLast(limit).ToArray();
    }
}
