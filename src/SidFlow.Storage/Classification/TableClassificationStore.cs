using Azure.Data.Tables;
using SidFlow.Core.Classification;

namespace SidFlow.Storage.Classification;

/// <summary>The <c>classified</c> table.</summary>
public sealed class TableClassificationStore(StorageClients storage) : IClassificationStore
{
    private readonly TableClient _table = storage.Table(storage.Names.ClassifiedTable);

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        long count = 0;
        await foreach (TableEntity _ in _table.QueryAsync<TableEntity>(select: ["RowKey"], cancellationToken: cancellationToken))
        {
            count++;
        }

        return count;
    }
}
