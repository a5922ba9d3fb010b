namespace SidFlow.Core.Classification;

/// <summary>The <c>classified</c> table: features and ratings per song (path + subtune).</summary>
public interface IClassificationStore
{
    Task<ClassificationRecord?> GetAsync(string path, int subtune, CancellationToken cancellationToken);

    Task UpsertAsync(ClassificationRecord record, CancellationToken cancellationToken);

    Task UpsertManyAsync(IReadOnlyCollection<ClassificationRecord> records, CancellationToken cancellationToken);

    IAsyncEnumerable<ClassificationRecord> ListAsync(CancellationToken cancellationToken);

    /// <summary>Song key (<c>path#subtune</c>) to what it was classified from.</summary>
    Task<IReadOnlyDictionary<string, ClassificationStamp>> GetStampsAsync(CancellationToken cancellationToken);

    Task<long> CountAsync(CancellationToken cancellationToken);

    /// <summary>Deletes the rows of the files at or under <paramref name="sidPath"/> (all when empty); returns how many.</summary>
    Task<long> DeleteAsync(string sidPath, CancellationToken cancellationToken);
}
