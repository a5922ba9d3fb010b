using SidFlow.Core.Classification;

namespace SidFlow.Core.Models;

/// <summary>
/// Measures a model, and its baseline (the production model, else the heuristic), on the same held-out samples:
/// the guide's evaluation.
/// </summary>
public sealed class ModelBaseline(IModelStore models, IFeatureStatsStore stats)
{
    public async Task<EvaluationBaseline> MeasureAsync(IReadOnlyList<TrainingSample> validation, ModelMetrics candidate, string candidateVersion, CancellationToken cancellationToken)
    {
        (string source, Func<float[], Ratings> predict) = await PredictorAsync(candidateVersion, cancellationToken);
        RegressionMetrics metrics = RegressionMetrics.Mean(RatingHeads.Ratings.Select(head =>
            RegressionMetrics.Of(validation.Where(s => RatingHeads.TargetOf(s, head) is not null)
                .Select(s => (Pick(predict(s.Features), head), RatingHeads.TargetOf(s, head)!.Value)).ToArray())));
        double improvement = metrics.Mae > 0 ? 100 * (metrics.Mae - candidate.ValidationMae) / metrics.Mae : 0;
        return new EvaluationBaseline(source, metrics.Mae, metrics.R2, $"{improvement:0.0}%");
    }

    /// <summary>The production model's predictions when one is published (and is not the candidate itself), else the heuristic's.</summary>
    private async Task<(string Source, Func<float[], Ratings> Predict)> PredictorAsync(string candidateVersion, CancellationToken cancellationToken)
    {
        if (await models.ReadManifestAsync(cancellationToken) is { } published && published.Manifest.ActiveVersion != candidateVersion
            && await ModelArtifacts.LoadAsync(models, published.Manifest.ActiveVersion, published.Manifest.Artifacts, null, cancellationToken) is { } production)
        {
            return ($"production model {production.Version}", v => production.Predict(Dictionary(v)));
        }

        FeatureStats corpus = await stats.ReadAsync(cancellationToken) ?? throw new ModelStateException("no corpus statistics yet: classify the collection first");
        return ("heuristic", v => RatingHeuristic.Rate(Dictionary(v), corpus));
    }

    private static Dictionary<string, double> Dictionary(float[] vector) =>
        FeatureSet.Names.Select((n, i) => (n, v: (double)vector[i])).ToDictionary(x => x.n, x => x.v, StringComparer.Ordinal);

    private static double Pick(Ratings r, string head) => head switch
    {
        RatingHeads.Energy => r.E,
        RatingHeads.Mood => r.M,
        _ => r.C,
    };
}
