using System.Diagnostics;
using SidFlow.Core.Operations;

namespace SidFlow.Storage;

/// <summary>Reaches blob, table and queue services; storage down means the service is down.</summary>
public sealed class StorageHealthCheck(StorageClients storage) : IComponentCheck
{
    public string Name => "storage";

    public async Task<ComponentHealth> CheckAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(
            storage.Container(storage.Names.CollectionContainer).ExistsAsync(cancellationToken),
            storage.Table(storage.Names.JobsTable).QueryAsync<Azure.Data.Tables.TableEntity>(maxPerPage: 1, cancellationToken: cancellationToken)
                .AsPages().GetAsyncEnumerator(cancellationToken).MoveNextAsync().AsTask(),
            storage.Queue(storage.Names.RenderU64Queue).ExistsAsync(cancellationToken));
        return new ComponentHealth(HealthStatus.Healthy, null, new Dictionary<string, object?>
        {
            ["account"] = storage.Blobs.AccountName,
            ["latencyMs"] = clock.ElapsedMilliseconds,
        });
    }
}
