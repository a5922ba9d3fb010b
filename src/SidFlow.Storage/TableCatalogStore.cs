using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using SidFlow.Core.Catalog;

namespace SidFlow.Storage;

/// <summary>The <c>catalog</c> table.</summary>
public sealed class TableCatalogStore(StorageClients storage) : ICatalogStore
{
    private readonly TableClient _table = storage.Table(storage.Names.CatalogTable);

    public async Task<CatalogEntry?> GetAsync(string path, CancellationToken cancellationToken)
    {
        (string pk, string rk) = CatalogEntity.KeysOf(path);
        NullableResponse<TableEntity> row = await _table.GetEntityIfExistsAsync<TableEntity>(pk, rk, cancellationToken: cancellationToken);
        return row.HasValue ? CatalogEntity.FromEntity(row.Value!) : null;
    }

    public async IAsyncEnumerable<CatalogEntry> ListAsync(string? pathPrefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (TableEntity row in _table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            CatalogEntry entry = CatalogEntity.FromEntity(row);
            if (pathPrefix is null || entry.Path.StartsWith(pathPrefix, StringComparison.OrdinalIgnoreCase))
            {
                yield return entry;
            }
        }
    }

    public async Task<IReadOnlyDictionary<string, string>> GetFingerprintsAsync(CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (TableEntity row in _table.QueryAsync<TableEntity>(select: ["path", "fingerprint"], cancellationToken: cancellationToken))
        {
            result[row.GetString("path")] = row.GetString("fingerprint") ?? string.Empty;
        }

        return result;
    }

    public Task UpsertAsync(IReadOnlyCollection<CatalogEntry> entries, CancellationToken cancellationToken) =>
        TableBatches.SubmitAsync(_table,
            entries.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, CatalogEntity.ToEntity(e))),
            cancellationToken);

    public Task DeleteAsync(IReadOnlyCollection<string> paths, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(paths, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (path, ct) =>
        {
            (string pk, string rk) = CatalogEntity.KeysOf(path);
            await _table.DeleteEntityAsync(pk, rk, ETag.All, ct);
        });
}
