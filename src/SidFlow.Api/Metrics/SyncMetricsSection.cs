using SidFlow.Core.Fetch;

namespace SidFlow.Api.Metrics;

/// <summary>The <c>sync</c> section of the metrics: installed release, SID count, last sync and its age.</summary>
public sealed class SyncMetricsSection(IHvscStateStore state, TimeProvider time) : IMetricsSection
{
    public string Name => "sync";

    public async Task<object> CollectAsync(CancellationToken cancellationToken)
    {
        HvscVersionRecord? record = await state.ReadVersionAsync(cancellationToken);
        long now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return new SyncMetrics(record?.Version, record?.SidCount ?? 0, record?.CheckedAt, record is null ? null : now - record.CheckedAt);
    }
}

public sealed record SyncMetrics(int? HvscVersion, int SidCount, long? LastSyncTimestamp, long? SyncAgeMs);
