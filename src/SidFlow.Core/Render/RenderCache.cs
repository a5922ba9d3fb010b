namespace SidFlow.Core.Render;

/// <summary>
/// The guide's cache management for rendered assets: invalidation by file or folder, by age, by format (clearing
/// the WAV cache is <c>formats: ["wav"]</c>); rows and blobs go together.
/// </summary>
public sealed class RenderCache(IAvailabilityStore availability, IRenderAssetStore assets, TimeProvider time)
{
    public async Task<(int Removed, long Bytes)> InvalidateAsync(RenderCacheFilter filter, CancellationToken cancellationToken)
    {
        DateTimeOffset? cutoff = filter.OlderThanDays is { } days ? time.GetUtcNow() - TimeSpan.FromDays(days) : null;
        List<RenderAsset> doomed = await AssetsAsync(filter.SidPath, cancellationToken)
            .Where(a => cutoff is null || a.RenderedAt < cutoff)
            .Where(a => filter.Formats is null || filter.Formats.Contains(a.Format))
            .ToListAsync(cancellationToken);
        long bytes = 0;
        foreach (RenderAsset asset in doomed)
        {
            if (asset.Format != "sid")
            {
                bytes += await assets.DeleteAsync(asset.Format == "hls" ? asset.Blob[..(asset.Blob.LastIndexOf('/') + 1)] : asset.Blob, cancellationToken);
            }

            await availability.DeleteAsync(asset, cancellationToken);
        }

        return (doomed.Count, bytes);
    }

    /// <summary>The assets of a file, or of every file under a folder; every asset without a path.</summary>
    private async IAsyncEnumerable<RenderAsset> AssetsAsync(string? path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(path))
        {
            await foreach (RenderAsset asset in availability.ListAllAsync(cancellationToken))
            {
                yield return asset;
            }

            yield break;
        }

        foreach (RenderAsset asset in await availability.ListForAsync(path, cancellationToken))
        {
            yield return asset;
        }

        string folder = path.TrimEnd('/') + "/";
        await foreach (RenderAsset asset in availability.ListAllAsync(cancellationToken))
        {
            if (asset.SidPath.StartsWith(folder, StringComparison.Ordinal))
            {
                yield return asset;
            }
        }
    }
}

/// <param name="SidPath">A file or folder; null for every asset.</param>
/// <param name="Formats">Only these formats; null for all.</param>
public sealed record RenderCacheFilter(string? SidPath, double? OlderThanDays, IReadOnlySet<string>? Formats);
