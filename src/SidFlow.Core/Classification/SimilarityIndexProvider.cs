using Microsoft.Extensions.Logging;

namespace SidFlow.Core.Classification;

/// <summary>The in-memory similarity index, built from the <c>classified</c> table and the corpus statistics.</summary>
public sealed class SimilarityIndexProvider(IClassificationStore store, IFeatureStatsStore statsStore, ILogger<SimilarityIndexProvider> logger) : ISimilarityIndexSource
{
    private readonly SemaphoreSlim _rebuild = new(1, 1);
    private SimilarityIndex _current = SimilarityIndex.Empty;

    public SimilarityIndex Current => Volatile.Read(ref _current);

    public async Task RebuildAsync(CancellationToken cancellationToken)
    {
        await _rebuild.WaitAsync(cancellationToken);
        try
        {
            FeatureStats? stats = await statsStore.ReadAsync(cancellationToken);
            if (stats is null)
            {
                return;
            }

            List<ClassificationRecord> records = await store.ListAsync(cancellationToken).Where(r => r.FeatureSetVersion == stats.FeatureSetVersion).ToListAsync(cancellationToken);
            Volatile.Write(ref _current, SimilarityIndex.Build(records, stats));
            logger.SimilarityIndexBuilt(records.Count);
        }
        finally
        {
            _rebuild.Release();
        }
    }

    /// <summary>Rebuilds when the statistics changed since the index was built (another instance classified).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        FeatureStats? stats = await statsStore.ReadAsync(cancellationToken);
        if (stats is not null && stats.ComputedAt != Current.StatsComputedAt)
        {
            await RebuildAsync(cancellationToken);
        }
    }
}
