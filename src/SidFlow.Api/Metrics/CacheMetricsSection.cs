using SidFlow.Core.Classification;
using SidFlow.Core.Render;

namespace SidFlow.Api.Metrics;

/// <summary>The <c>cache</c> section: rendered assets by format, the classified count, and asset ages.</summary>
public sealed class CacheMetricsSection(IAvailabilityStore availability, IClassificationStore classified, TimeProvider time) : IMetricsSection
{
    public string Name => "cache";

    public async Task<object> CollectAsync(CancellationToken cancellationToken)
    {
        var byFormat = new SortedDictionary<string, FormatCount>(StringComparer.Ordinal);
        DateTimeOffset? oldest = null, newest = null;
        await foreach (RenderAsset asset in availability.ListAllAsync(cancellationToken))
        {
            FormatCount current = byFormat.GetValueOrDefault(asset.Format, new FormatCount(0, 0));
            byFormat[asset.Format] = new FormatCount(current.Count + 1, current.Bytes + asset.Size);
            oldest = oldest is null || asset.RenderedAt < oldest ? asset.RenderedAt : oldest;
            newest = newest is null || asset.RenderedAt > newest ? asset.RenderedAt : newest;
        }

        DateTimeOffset now = time.GetUtcNow();
        return new CacheMetrics(
            byFormat.Values.Sum(f => f.Count),
            byFormat.Values.Sum(f => f.Bytes),
            byFormat,
            byFormat.GetValueOrDefault("wav")?.Bytes ?? 0,
            await classified.CountAsync(cancellationToken),
            oldest is null ? null : (long)(now - oldest.Value).TotalMilliseconds,
            newest is null ? null : (long)(now - newest.Value).TotalMilliseconds);
    }
}

public sealed record FormatCount(long Count, long Bytes);

public sealed record CacheMetrics(long Assets, long Bytes, IReadOnlyDictionary<string, FormatCount> ByFormat, long WavCacheSizeBytes, long Classified, long? OldestAssetAgeMs, long? NewestAssetAgeMs);
