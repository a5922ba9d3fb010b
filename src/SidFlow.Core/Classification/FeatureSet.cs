namespace SidFlow.Core.Classification;

/// <summary>
/// The features a classification records (<see cref="Version"/> changes whenever they, or the audio the
/// classify engine renders for them, change) and the weights similarity gives them. See docs/classification.md.
/// </summary>
public static class FeatureSet
{
    public const string Version = "1.2.0";

    /// <summary>Weights of the similarity vector: timbre, loudness and rhythm count most; SID register habits and the hardware less.</summary>
    public static readonly IReadOnlyDictionary<string, double> SimilarityWeights = BuildWeights();

    private static Dictionary<string, double> BuildWeights()
    {
        var weights = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["rmsMeanDb"] = 1.5, ["dynamicRangeDb"] = 1.0, ["silenceRatio"] = 0.5, ["rmsStd"] = 0.5,
            ["centroidMean"] = 1.5, ["centroidStd"] = 0.5, ["rolloffMean"] = 1.0, ["flatnessMean"] = 1.0,
            ["entropyMean"] = 1.0, ["crestMean"] = 0.5, ["lowEnergyRatio"] = 1.0, ["zcrMean"] = 0.5,
            ["fluxMean"] = 1.0, ["fluxStd"] = 0.5, ["onsetDensity"] = 1.5, ["tempoBpm"] = 1.0,
            ["sidModel8580"] = 0.5, ["sidChips"] = 0.5, ["year"] = 0.5, ["clockNtsc"] = 0.25,
            ["waveTriangle"] = 0.25, ["waveSaw"] = 0.25, ["wavePulse"] = 0.25, ["waveNoise"] = 0.25, ["waveCombined"] = 0.25,
            ["pulseWidthModulation"] = 0.25, ["filterUsage"] = 0.5, ["filterResonance"] = 0.25, ["cutoffMotion"] = 0.25,
            ["pluckRatio"] = 0.5, ["sustainMean"] = 0.25, ["noteRate"] = 0.75, ["pitchRange"] = 0.5, ["distinctPitches"] = 0.5,
            ["polyphony"] = 0.5, ["playCallsPerFrame"] = 0.25, ["samplePlayback"] = 0.5,
        };
        for (int c = 1; c <= 13; c++)
        {
            weights[$"mfcc{c}Mean"] = 0.5;
        }

        return weights;
    }
}
