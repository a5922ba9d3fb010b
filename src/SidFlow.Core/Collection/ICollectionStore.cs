namespace SidFlow.Core.Collection;

/// <summary>The collection's files by HVSC path (the <c>hvsc</c> container).</summary>
public interface ICollectionStore
{
    IAsyncEnumerable<CollectionFile> ListAsync(string? prefix, CancellationToken cancellationToken);

    /// <summary>The whole file, or null when there is none at that path.</summary>
    Task<byte[]?> ReadAsync(string path, CancellationToken cancellationToken);

    /// <summary>Writes a file and records its MD5 so later imports can compare without reading it.</summary>
    Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>Removes a file; false when there was none.</summary>
    Task<bool> DeleteAsync(string path, CancellationToken cancellationToken);
}
