namespace SidFlow.Core.Classification;

/// <summary>Listeners' explicit ratings; the feedback API that collects them arrives with the model issue, so there are none yet.</summary>
public sealed class NoExplicitRatings : IExplicitRatingSource
{
    public Task<IReadOnlyDictionary<string, Ratings>> GetAsync(IReadOnlyCollection<string> songKeys, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, Ratings>>(new Dictionary<string, Ratings>());
}
