using SidFlow.Core.Classification;
using Xunit;

namespace SidFlow.Core.Tests.Classification;

/// <summary>Features of signals whose answers are known.</summary>
public sealed class AudioFeatureExtractorTests(ITestOutputHelper output)
{
    private const int Rate = 22_050;

    [Fact]
    public void Analyze_Sine1kHz_CentroidNear1kHzAndFlatnessLow()
    {
        float[] sine = Enumerable.Range(0, Rate * 5).Select(i => (float)(0.5 * Math.Sin(2 * Math.PI * 1000 * i / Rate))).ToArray();

        IReadOnlyDictionary<string, double> f = AudioFeatureExtractor.Analyze(sine, Rate).Features;

        Assert.InRange(f["centroidMean"], 950, 1050);
        Assert.InRange(f["rolloffMean"], 950, 1100);
        Assert.True(f["flatnessMean"] < 0.01, $"flatness {f["flatnessMean"]}");
        Assert.InRange(f["zcrMean"], 2 * 1000.0 / Rate * 0.95, 2 * 1000.0 / Rate * 1.05);
        Assert.InRange(f["rmsMean"], 0.5 / Math.Sqrt(2) * 0.99, 0.5 / Math.Sqrt(2) * 1.01);
        Assert.Equal(0, f["silenceRatio"]);
    }

    [Fact]
    public void Analyze_WhiteNoise_FlatnessHighAndEntropyHigh()
    {
        var random = new Random(7);
        float[] noise = Enumerable.Range(0, Rate * 5).Select(_ => (float)(random.NextDouble() * 2 - 1) * 0.5f).ToArray();

        IReadOnlyDictionary<string, double> f = AudioFeatureExtractor.Analyze(noise, Rate).Features;

        Assert.True(f["flatnessMean"] > 0.5, $"flatness {f["flatnessMean"]}");
        Assert.True(f["entropyMean"] > 0.9, $"entropy {f["entropyMean"]}");
        Assert.InRange(f["centroidMean"], Rate / 4.0 * 0.9, Rate / 4.0 * 1.1);
    }

    [Fact]
    public void Analyze_Silence_SilenceRatioOneAndEveryValueFinite()
    {
        IReadOnlyDictionary<string, double> f = AudioFeatureExtractor.Analyze(new float[Rate * 3], Rate).Features;

        Assert.Equal(1, f["silenceRatio"]);
        Assert.All(f, kv => Assert.True(double.IsFinite(kv.Value), $"{kv.Key} = {kv.Value}"));
        Assert.Equal(0, f["tempoBpm"]);
        Assert.All(AudioFeatureExtractor.Analyze([], Rate).Features, kv => Assert.True(double.IsFinite(kv.Value), kv.Key));
    }

    [Theory]
    [InlineData(120)]
    [InlineData(95)]
    [InlineData(150)]
    public void Analyze_ClickTrack_FindsTheTempo(double bpm)
    {
        float[] clicks = new float[Rate * 15];
        double period = 60.0 / bpm * Rate;
        for (double t = 0; t < clicks.Length; t += period)
        {
            int start = (int)t;
            for (int i = 0; i < 200 && start + i < clicks.Length; i++)
            {
                clicks[start + i] = (float)(0.8 * Math.Sin(2 * Math.PI * 2000 * i / Rate) * Math.Exp(-i / 40.0));
            }
        }

        IReadOnlyDictionary<string, double> f = AudioFeatureExtractor.Analyze(clicks, Rate).Features;

        output.WriteLine($"{bpm} BPM: found {f["tempoBpm"]:0.00}, confidence {f["tempoConfidence"]:0.00}, onsets/s {f["onsetDensity"]:0.00}");
        Assert.InRange(f["tempoBpm"], bpm - 2, bpm + 2);
        Assert.InRange(f["onsetDensity"], bpm / 60 * 0.9, bpm / 60 * 1.1);
        Assert.True(f["tempoConfidence"] > 0.3);
    }

    [Fact]
    public void Analyze_LevelDoublesHalfway_FrameRmsRatioIsTwo()
    {
        float[] signal = Enumerable.Range(0, Rate * 6).Select(i => (float)((i < Rate * 3 ? 0.2 : 0.4) * Math.Sin(2 * Math.PI * 440 * i / Rate))).ToArray();

        AudioAnalysis analysis = AudioFeatureExtractor.Analyze(signal, Rate);

        int half = analysis.Frames / 2;
        double first = analysis.FrameRms.Take(half - 2).Average(), second = analysis.FrameRms.Skip(half + 2).Average();
        Assert.InRange(second / first, 1.99, 2.01);
        Assert.InRange(analysis.Features["dynamicRangeDb"], 20 * Math.Log10(2) - 0.1, 20 * Math.Log10(2) + 0.1);
    }

    [Fact]
    public void Analyze_LowTone_HasHighLowEnergyRatio()
    {
        float[] bass = Enumerable.Range(0, Rate * 3).Select(i => (float)(0.5 * Math.Sin(2 * Math.PI * 80 * i / Rate))).ToArray();
        float[] treble = Enumerable.Range(0, Rate * 3).Select(i => (float)(0.5 * Math.Sin(2 * Math.PI * 3000 * i / Rate))).ToArray();

        Assert.True(AudioFeatureExtractor.Analyze(bass, Rate).Features["lowEnergyRatio"] > 0.9);
        Assert.True(AudioFeatureExtractor.Analyze(treble, Rate).Features["lowEnergyRatio"] < 0.05);
    }
}
