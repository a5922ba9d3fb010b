using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using SidFlow.Core.Render;

namespace SidFlow.Storage.Render;

/// <summary>The <c>availability</c> table: partition = SID path, row = subtune, format and renderer.</summary>
public sealed class TableAvailabilityStore(StorageClients storage) : IAvailabilityStore
{
    private readonly TableClient _table = storage.Table(storage.Names.AvailabilityTable);

    public async Task UpsertAsync(RenderAsset asset, CancellationToken cancellationToken) =>
        await _table.UpsertEntityAsync(ToEntity(asset), TableUpdateMode.Replace, cancellationToken);

    public async Task<IReadOnlyList<RenderAsset>> ListForAsync(string sidPath, CancellationToken cancellationToken)
    {
        var assets = new List<RenderAsset>();
        await foreach (TableEntity row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {TableKey.Encode(sidPath)}"), cancellationToken: cancellationToken))
        {
            assets.Add(FromEntity(row));
        }

        return assets;
    }

    public async IAsyncEnumerable<RenderAsset> ListAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (TableEntity row in _table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            yield return FromEntity(row);
        }
    }

    public async Task DeleteAsync(RenderAsset asset, CancellationToken cancellationToken)
    {
        TableEntity key = ToEntity(asset);
        await _table.DeleteEntityAsync(key.PartitionKey, key.RowKey, ETag.All, cancellationToken);
    }

    private static TableEntity ToEntity(RenderAsset a) => new(TableKey.Encode(a.SidPath), TableKey.Encode($"{a.Subtune:D3}_{a.Format}_{a.Renderer}"))
    {
        ["sidPath"] = a.SidPath,
        ["subtune"] = a.Subtune,
        ["format"] = a.Format,
        ["size"] = a.Size,
        ["duration"] = a.Duration,
        ["bitrate"] = a.Bitrate,
        ["sampleRate"] = a.SampleRate,
        ["channels"] = a.Channels,
        ["renderedAt"] = a.RenderedAt,
        ["renderer"] = a.Renderer,
        ["blob"] = a.Blob,
        ["parameters"] = a.Parameters,
        ["packetLoss"] = a.PacketLoss,
        ["device"] = a.Device,
    };

    private static RenderAsset FromEntity(TableEntity t) => new()
    {
        SidPath = t.GetString("sidPath"),
        Subtune = t.GetInt32("subtune") ?? 1,
        Format = t.GetString("format"),
        Size = t.GetInt64("size") ?? 0,
        Duration = t.GetDouble("duration") ?? 0,
        Bitrate = t.GetInt32("bitrate"),
        SampleRate = t.GetInt32("sampleRate") ?? 0,
        Channels = t.GetInt32("channels") ?? 0,
        RenderedAt = t.GetDateTimeOffset("renderedAt") ?? DateTimeOffset.MinValue,
        Renderer = t.GetString("renderer"),
        Blob = t.GetString("blob"),
        Parameters = t.GetString("parameters") ?? string.Empty,
        PacketLoss = t.GetDouble("packetLoss"),
        Device = t.GetString("device"),
    };
}
