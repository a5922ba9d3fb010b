namespace SidFlow.Core.Classification;

/// <summary>
/// The deterministic ratings used until a trained model is published: weighted sums of corpus z-scores,
/// mapped onto 1..5 by a logistic curve. docs/classification.md gives every formula.
/// </summary>
public static class RatingHeuristic
{
    public const string Source = "heuristic";
    public const string Version = "heuristic-1.1.0";

    public static Ratings Rate(IReadOnlyDictionary<string, double> f, FeatureStats stats)
    {
        double Z(string name) => stats.Z(name, f);
        double tempoTrust = f.TryGetValue("tempoConfidence", out double confidence) ? Math.Clamp(confidence, 0, 1) : 0;
        double mfccSpread = Enumerable.Range(1, 13).Select(c => Z($"mfcc{c}Std")).Average();

        double energy = 0.30 * Z("rmsMeanDb") + 0.25 * Z("onsetDensity") + 0.15 * Z("fluxMean")
                        + 0.15 * tempoTrust * Z("tempoBpm") + 0.10 * Z("centroidMean") - 0.15 * Z("silenceRatio");
        double mood = 0.35 * Z("centroidMean") + 0.20 * Z("rolloffMean") + 0.15 * tempoTrust * Z("tempoBpm")
                      + 0.10 * Z("zcrMean") - 0.20 * Z("lowEnergyRatio");
        double complexity = 0.20 * Z("entropyMean") + 0.15 * Z("fluxStd") + 0.15 * Z("onsetDensity")
                            + 0.10 * mfccSpread + 0.05 * Z("centroidStd") + 0.05 * Z("sidChips")
                            + 0.10 * Z("distinctPitches") + 0.10 * Z("polyphony") + 0.10 * Z("noteRate");
        return new Ratings(Scale(energy), Scale(mood), Scale(complexity));
    }

    /// <summary>1 + 4 / (1 + e^(-1.5 s)): 3 at the corpus average, towards 1 and 5 two spreads away.</summary>
    public static double Scale(double score) => Math.Round(1 + 4 / (1 + Math.Exp(-1.5 * score)), 2);
}
