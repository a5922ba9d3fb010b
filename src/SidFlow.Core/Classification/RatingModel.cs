namespace SidFlow.Core.Classification;

/// <summary>A trained, published rating model (ML.NET regression trees, one per rating).</summary>
public interface IRatingModel
{
    string Version { get; }

    Ratings Predict(IReadOnlyDictionary<string, double> features);
}

/// <summary>The published model, if any: classification uses it when present, the heuristic otherwise.</summary>
public interface IRatingModelSource
{
    /// <summary>The published model as last looked at (at most a few seconds old).</summary>
    Task<IRatingModel?> GetActiveAsync(CancellationToken cancellationToken);

    /// <summary>The published model as the manifest says now: for work that must follow a publish or rollback at once (re-rating).</summary>
    Task<IRatingModel?> GetCurrentAsync(CancellationToken cancellationToken);
}

/// <summary>Listeners' explicit ratings of songs, for validation.</summary>
public interface IExplicitRatingSource
{
    Task<IReadOnlyDictionary<string, Ratings>> GetAsync(IReadOnlyCollection<string> songKeys, CancellationToken cancellationToken);
}

/// <summary>Rates with the published model when one exists, else with the heuristic; says which.</summary>
public sealed class SongRater(IRatingModelSource models)
{
    /// <param name="current">Read the manifest now rather than trust the few seconds old view (re-rating after a publish).</param>
    public async Task<Func<IReadOnlyDictionary<string, double>, (Ratings Ratings, string Source, string Version)>> CreateAsync(FeatureStats stats, CancellationToken cancellationToken, bool current = false)
    {
        IRatingModel? model = current ? await models.GetCurrentAsync(cancellationToken) : await models.GetActiveAsync(cancellationToken);
        return model is null
            ? f => (RatingHeuristic.Rate(f, stats), RatingHeuristic.Source, RatingHeuristic.Version)
            : f => (Clamp(model.Predict(f)), "model", model.Version);
    }

    private static Ratings Clamp(Ratings r) => new(Math.Clamp(r.E, 1, 5), Math.Clamp(r.M, 1, 5), Math.Clamp(r.C, 1, 5));
}
