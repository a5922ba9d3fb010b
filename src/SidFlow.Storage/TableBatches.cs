using Azure.Data.Tables;

namespace SidFlow.Storage;

/// <summary>Submits table writes as entity-group transactions: grouped by partition, at most 100 per batch.</summary>
public static class TableBatches
{
    public const int MaxOperations = 100;

    public static async Task SubmitAsync(TableClient table, IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken, int parallelism = 4)
    {
        var batches = actions
            .GroupBy(a => a.Entity.PartitionKey, StringComparer.Ordinal)
            .SelectMany(g => g.Chunk(MaxOperations))
            .ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (batch, ct) => await table.SubmitTransactionAsync(batch, ct));
    }
}
