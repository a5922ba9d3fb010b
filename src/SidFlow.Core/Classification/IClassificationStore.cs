namespace SidFlow.Core.Classification;

/// <summary>The <c>classified</c> table: features and ratings per song.</summary>
public interface IClassificationStore
{
    Task<long> CountAsync(CancellationToken cancellationToken);
}
