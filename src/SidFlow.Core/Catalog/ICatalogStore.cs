namespace SidFlow.Core.Catalog;

/// <summary>The catalog: one row per SID file of the collection.</summary>
public interface ICatalogStore
{
    Task<CatalogEntry?> GetAsync(string path, CancellationToken cancellationToken);

    IAsyncEnumerable<CatalogEntry> ListAsync(string? pathPrefix, CancellationToken cancellationToken);

    /// <summary>Path to fingerprint of every row, without reading the rows' fields.</summary>
    Task<IReadOnlyDictionary<string, string>> GetFingerprintsAsync(CancellationToken cancellationToken);

    Task UpsertAsync(IReadOnlyCollection<CatalogEntry> entries, CancellationToken cancellationToken);

    Task DeleteAsync(IReadOnlyCollection<string> paths, CancellationToken cancellationToken);
}
