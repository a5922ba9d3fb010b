namespace SidFlow.Core.Classification;

/// <summary>
/// The features a classification records (<see cref="Version"/> changes whenever they, or the audio the
/// classify engine renders for them, change) and the weights similarity gives them. See docs/classification.md.
/// </summary>
public static class FeatureSet
{
    public const string Version = "1.2.0";

    /// <summary>
    /// Every feature a classification records, in the order a rating model reads them (ordinal): the schema a
    /// trained model is checked against when it is loaded. A tune the emulator cannot trace lacks the SID-register
    /// ones; a model reads those as 0.
    /// </summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "attackMean", "centroidMean", "centroidStd", "ciaSpeed", "clockNtsc", "crestMean", "crestStd", "cutoffMotion",
        "d418WriteRate", "distinctPitches", "dynamicRangeDb", "entropyMean", "entropyStd", "filterResonance",
        "filterUsage", "flatnessMean", "flatnessStd", "fluxMean", "fluxStd", "lowEnergyRatio", "mfcc10Mean",
        "mfcc10Std", "mfcc11Mean", "mfcc11Std", "mfcc12Mean", "mfcc12Std", "mfcc13Mean", "mfcc13Std", "mfcc1Mean",
        "mfcc1Std", "mfcc2Mean", "mfcc2Std", "mfcc3Mean", "mfcc3Std", "mfcc4Mean", "mfcc4Std", "mfcc5Mean",
        "mfcc5Std", "mfcc6Mean", "mfcc6Std", "mfcc7Mean", "mfcc7Std", "mfcc8Mean", "mfcc8Std", "mfcc9Mean",
        "mfcc9Std", "noteRate", "onsetDensity", "pitchRange", "playCallsPerFrame", "pluckRatio", "polyphony",
        "pulseWidthModulation", "releaseMean", "rmsMean", "rmsMeanDb", "rmsStd", "rolloffMean", "rolloffStd",
        "samplePlayback", "sidChips", "sidModel8580", "silenceRatio", "songCount", "sustainMean", "tempoBpm",
        "tempoConfidence", "waveCombined", "waveNoise", "wavePulse", "waveSaw", "waveTriangle", "writesPerFrame",
        "year", "yearKnown", "zcrMean", "zcrStd",
    ];

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
