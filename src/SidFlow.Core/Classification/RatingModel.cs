namespace SidFlow.Core.Classification;

/// <summary>A trained, published rating model (ML.NET regression; training and publishing arrive with the model issue).</summary>
public interface IRatingModel
{
    string Version { get; }

    Ratings Predict(IReadOnlyDictionary<string, double> features);
}

/// <summary>The published model, if any: classification uses it when present, the heuristic otherwise.</summary>
public interface IRatingModelSource
{
    Task<IRatingModel?> GetActiveAsync(CancellationToken cancellationToken);
}

/// <summary>Listeners' explicit ratings of songs, for validation (the feedback API arrives with the model issue).</summary>
public interface IExplicitRatingSource
{
    Task<IReadOnlyDictionary<string, Ratings>> GetAsync(IReadOnlyCollection<string> songKeys, CancellationToken cancellationToken);
}

/// <summary>Rates with the published model when one exists, else with the heuristic; says which.</summary>
public sealed class SongRater(IRatingModelSource models)
{
    public async Task<Func<IReadOnlyDictionary<string, double>, (Ratings Ratings, string Source, string Version)>> CreateAsync(FeatureStats stats, CancellationToken cancellationToken)
    {
        IRatingModel? model = await models.GetActiveAsync(cancellationToken);
        return model is null
            ? f => (RatingHeuristic.Rate(f, stats), RatingHeuristic.Source, RatingHeuristic.Version)
            : f => (Clamp(model.Predict(f)), "model", model.Version);
    }

    private static Ratings Clamp(Ratings r) => new(Math.Clamp(r.E, 1, 5), Math.Clamp(r.M, 1, 5), Math.Clamp(r.C, 1, 5));
}
