namespace SidFlow.Core.Render;

/// <summary>The availability manifest (<c>availability</c> table): one row per rendered asset.</summary>
public interface IAvailabilityStore
{
    Task UpsertAsync(RenderAsset asset, CancellationToken cancellationToken);

    Task<IReadOnlyList<RenderAsset>> ListForAsync(string sidPath, CancellationToken cancellationToken);

    IAsyncEnumerable<RenderAsset> ListAllAsync(CancellationToken cancellationToken);

    Task DeleteAsync(RenderAsset asset, CancellationToken cancellationToken);
}

/// <summary>The rendered audio (<c>renders</c> container).</summary>
public interface IRenderAssetStore
{
    Task UploadFileAsync(string blob, string localFile, string contentType, CancellationToken cancellationToken);

    /// <summary>Removes a blob, or every blob under a prefix ending in '/'; returns the bytes freed.</summary>
    Task<long> DeleteAsync(string blobOrPrefix, CancellationToken cancellationToken);

    Task<byte[]?> ReadAsync(string blob, CancellationToken cancellationToken);

    /// <summary>A blob to serve: a seekable stream of it with its length, type and version; null when there is none.</summary>
    Task<RenderAssetContent?> OpenAsync(string blob, CancellationToken cancellationToken);
}
