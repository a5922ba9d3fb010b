using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using SidFlow.Core.Backup;

namespace SidFlow.Storage.Operations;

/// <summary>
/// What a backup copies from this account, by names without the storage prefix (so a backup restores into an
/// account with another prefix): the <c>feedback</c>, <c>models</c>, <c>modelarchive</c> and <c>audit</c>
/// containers, the <c>jobs</c> and <c>feedbackids</c> tables, and with secrets the listener salt. Blobs keep their
/// type (append blobs are appended to after a restore); table rows keep their property types.
/// </summary>
public sealed class StorageBackup(StorageClients storage) : IBackupStorage
{
    private const int AppendBlockSize = 4 << 20;
    private const string SaltBlob = "listener-salt";

    private readonly IReadOnlyDictionary<string, string> _containers = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["feedback"] = storage.Names.FeedbackContainer,
        ["models"] = storage.Names.ModelsContainer,
        ["modelarchive"] = storage.Names.ModelArchiveContainer,
        ["audit"] = storage.Names.AuditContainer,
        ["state"] = storage.Names.StateContainer,
    };

    private readonly IReadOnlyDictionary<string, string> _tables = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["jobs"] = storage.Names.JobsTable,
        ["feedbackids"] = storage.Names.FeedbackIdsTable,
    };

    public async IAsyncEnumerable<BackupItem> ListCriticalAsync(bool includeSecrets, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach ((string logical, string container) in _containers.Where(c => c.Key != "state"))
        {
            await foreach (BlobItem blob in storage.Container(container).GetBlobsAsync(cancellationToken: cancellationToken))
            {
                yield return new BackupItem($"blob/{logical}/{blob.Name}", blob.Properties.BlobType == BlobType.Append ? "append" : "block");
            }
        }

        if (includeSecrets && await storage.Container(storage.Names.StateContainer).GetBlobClient(SaltBlob).ExistsAsync(cancellationToken))
        {
            yield return new BackupItem($"blob/state/{SaltBlob}", "block");
        }

        foreach (string logical in _tables.Keys)
        {
            yield return new BackupItem($"table/{logical}", "table");
        }
    }

    public async Task CopyToAsync(BackupItem item, Stream output, CancellationToken cancellationToken)
    {
        if (item.Kind == "table")
        {
            await WriteRowsAsync(storage.Table(_tables[item.Name["table/".Length..]]), output, cancellationToken);
            return;
        }

        (BlobContainerClient container, string name) = Blob(item.Name);
        await container.GetBlobClient(name).DownloadToAsync(output, cancellationToken);
    }

    public async Task RestoreAsync(BackupEntry entry, Stream content, CancellationToken cancellationToken)
    {
        switch (entry.Kind)
        {
            case "table":
                await RestoreRowsAsync(storage.Table(_tables[entry.Name["table/".Length..]]), content, cancellationToken);
                break;
            case "append":
                (BlobContainerClient appendContainer, string appendName) = Blob(entry.Name);
                AppendBlobClient append = appendContainer.GetAppendBlobClient(appendName);
                await append.CreateAsync(cancellationToken: cancellationToken);
                var block = new byte[AppendBlockSize];
                for (int read; (read = await content.ReadAtLeastAsync(block, block.Length, throwOnEndOfStream: false, cancellationToken)) > 0;)
                {
                    using var piece = new MemoryStream(block, 0, read);
                    await append.AppendBlockAsync(piece, cancellationToken: cancellationToken);
                }

                break;
            default:
                (BlobContainerClient container, string name) = Blob(entry.Name);
                await container.GetBlobClient(name).UploadAsync(content, overwrite: true, cancellationToken);
                break;
        }
    }

    public async Task<IReadOnlyList<DerivedData>> DescribeDerivedAsync(CancellationToken cancellationToken)
    {
        (long renders, long renderBytes) = await CountAsync(storage.Names.RendersContainer, cancellationToken);
        (long files, long fileBytes) = await CountAsync(storage.Names.CollectionContainer, cancellationToken);
        long classified = 0;
        await foreach (TableEntity _ in storage.Table(storage.Names.ClassifiedTable).QueryAsync<TableEntity>(select: ["RowKey"], cancellationToken: cancellationToken))
        {
            classified++;
        }

        return
        [
            new DerivedData("renders", renders, renderBytes, "render jobs (or on demand)"),
            new DerivedData("classifications", classified, 0, "a classify job (./sidflow restore --rebuild)"),
            new DerivedData("similarity", classified, 0, "built from the classifications at start and after each classify job"),
            new DerivedData("collection", files, fileBytes, "a fetch job"),
        ];
    }

    private (BlobContainerClient Container, string Name) Blob(string entryName)
    {
        string[] parts = entryName.Split('/', 3);
        return _containers.TryGetValue(parts[1], out string? container) && parts.Length == 3
            ? (storage.Container(container), parts[2])
            : throw new BackupRefusedException($"{entryName} is not a container SidFlow backs up");
    }

    private async Task<(long Count, long Bytes)> CountAsync(string container, CancellationToken cancellationToken)
    {
        long count = 0, bytes = 0;
        await foreach (BlobItem blob in storage.Container(container).GetBlobsAsync(cancellationToken: cancellationToken))
        {
            count++;
            bytes += blob.Properties.ContentLength ?? 0;
        }

        return (count, bytes);
    }

    private static async Task WriteRowsAsync(TableClient table, Stream output, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, leaveOpen: true);
        await foreach (TableEntity entity in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            var properties = new JsonObject();
            foreach ((string key, object value) in entity)
            {
                if (key is not ("odata.etag" or "Timestamp" or "PartitionKey" or "RowKey") && TypedValue(value) is { } typed)
                {
                    properties[key] = typed;
                }
            }

            var row = new JsonObject { ["pk"] = entity.PartitionKey, ["rk"] = entity.RowKey, ["p"] = properties };
            await writer.WriteLineAsync(row.ToJsonString().AsMemory(), cancellationToken);
        }
    }

    private static async Task RestoreRowsAsync(TableClient table, Stream content, CancellationToken cancellationToken)
    {
        await table.CreateIfNotExistsAsync(cancellationToken);
        var actions = new List<TableTransactionAction>();
        using var reader = new StreamReader(content);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            JsonObject row = JsonNode.Parse(line)!.AsObject();
            var entity = new TableEntity(row["pk"]!.GetValue<string>(), row["rk"]!.GetValue<string>());
            foreach ((string key, JsonNode? value) in row["p"]!.AsObject())
            {
                entity[key] = Untyped(value!.AsObject());
            }

            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
        }

        await TableBatches.SubmitAsync(table, actions, cancellationToken);
    }

    /// <summary>A property with its EDM type, so a restore gives back an Int64 as an Int64, a time as a time.</summary>
    private static JsonObject? TypedValue(object value) => value switch
    {
        string s => new JsonObject { ["t"] = "s", ["v"] = s },
        int i => new JsonObject { ["t"] = "i32", ["v"] = i },
        long l => new JsonObject { ["t"] = "i64", ["v"] = l },
        double d => new JsonObject { ["t"] = "f64", ["v"] = d },
        bool b => new JsonObject { ["t"] = "b", ["v"] = b },
        DateTimeOffset t => new JsonObject { ["t"] = "dt", ["v"] = t.ToString("O") },
        DateTime t => new JsonObject { ["t"] = "dt", ["v"] = new DateTimeOffset(t.ToUniversalTime()).ToString("O") },
        Guid g => new JsonObject { ["t"] = "g", ["v"] = g.ToString() },
        byte[] bytes => new JsonObject { ["t"] = "bin", ["v"] = Convert.ToBase64String(bytes) },
        BinaryData data => new JsonObject { ["t"] = "bin", ["v"] = Convert.ToBase64String(data.ToArray()) },
        _ => null,
    };

    private static object Untyped(JsonObject typed)
    {
        JsonNode value = typed["v"]!;
        return typed["t"]!.GetValue<string>() switch
        {
            "s" => value.GetValue<string>(),
            "i32" => value.GetValue<int>(),
            "i64" => value.GetValue<long>(),
            "f64" => value.GetValue<double>(),
            "b" => value.GetValue<bool>(),
            "dt" => DateTimeOffset.Parse(value.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
            "g" => Guid.Parse(value.GetValue<string>()),
            "bin" => Convert.FromBase64String(value.GetValue<string>()),
            var other => throw new BackupRefusedException($"a table row has a property of unknown type '{other}'"),
        };
    }
}
