using System.Collections.Concurrent;

namespace SidFlow.Core.Classification;

/// <summary>
/// Audio features of a mono signal: per 1024-sample Hann frame (no overlap) the level, zero crossings,
/// spectral centroid, 85% rolloff, flatness, flux, crest, entropy, low-frequency share and 13 MFCCs,
/// summarised as mean and spread over frames; over the whole signal the dynamic range, silence ratio,
/// onset density and tempo with a confidence, from a fine energy envelope (128-sample hop) whose
/// resolution the tempo needs. Every value is finite, silence included.
/// </summary>
public static class AudioFeatureExtractor
{
    public const int FrameSize = 1024;
    public const int Hop = 1024;
    private const int EnvelopeHop = 128;
    private const int MelBands = 26;
    private const int Mfccs = 13;
    private const double SilenceRms = 0.001;   // -60 dBFS
    private const double LowFrequencyHz = 250;
    private static readonly ConcurrentDictionary<int, Tables> TablesByRate = new();

    public static AudioAnalysis Analyze(ReadOnlySpan<float> signal, int sampleRate)
    {
        Tables tables = TablesByRate.GetOrAdd(sampleRate, r => new Tables(r));
        int frames = signal.Length < FrameSize ? (signal.Length > 0 ? 1 : 0) : 1 + (signal.Length - FrameSize) / Hop;
        var rms = new double[frames];
        var zcr = new double[frames];
        var centroid = new List<double>(frames);
        var rolloff = new List<double>(frames);
        var flatness = new List<double>(frames);
        var crest = new List<double>(frames);
        var entropy = new List<double>(frames);
        var lowShare = new List<double>(frames);
        var flux = new double[frames];
        var mfcc = new List<double[]>(frames);
        int bins = FrameSize / 2 + 1;
        float[] buffer = new float[FrameSize];
        var spectrum = new PowerSpectrum(FrameSize);
        double[] fftPower = new double[bins];
        double[] magnitude = new double[bins], previous = new double[bins];
        double[] power = new double[bins];
        double[] mel = new double[MelBands];

        for (int f = 0; f < frames; f++)
        {
            int start = f * Hop;
            ReadOnlySpan<float> frame = signal.Slice(start, Math.Min(FrameSize, signal.Length - start));
            double sumSquares = 0;
            int crossings = 0;
            for (int i = 0; i < frame.Length; i++)
            {
                sumSquares += frame[i] * (double)frame[i];
                if (i > 0 && (frame[i] >= 0) != (frame[i - 1] >= 0))
                {
                    crossings++;
                }
            }

            rms[f] = Math.Sqrt(sumSquares / FrameSize);
            zcr[f] = (double)crossings / FrameSize;

            Array.Clear(buffer);
            for (int i = 0; i < frame.Length; i++)
            {
                buffer[i] = (float)(frame[i] * tables.Window[i]);
            }

            spectrum.Compute(buffer, fftPower);
            double total = 0, totalPower = 0, weighted = 0, logSum = 0, powerLogPower = 0, peak = 0, low = 0, positiveChange = 0;
            double product = 1;
            const double scale = 1.0 / ((double)FrameSize * FrameSize);
            for (int k = 0; k < bins; k++)
            {
                double p = fftPower[k] * scale;
                float m = MathF.Sqrt((float)p);
                power[k] = p;
                total += m;
                totalPower += p;
                weighted += m * tables.Frequency[k];
                peak = Math.Max(peak, m);
                if (k < tables.LowBins)
                {
                    low += p;
                }

                // One logarithm per bin for the entropy; the flatness's log of the geometric mean goes eight bins at a time.
                float logPower = MathF.Log((float)p + 1e-20f);
                powerLogPower += p * logPower;
                product *= p + 1e-20;
                if ((k & 7) == 7 || k == bins - 1)
                {
                    logSum += Math.Log(product);
                    product = 1;
                }

                float compressed = MathF.Log(1 + 1000 * m);
                positiveChange += Math.Max(0, compressed - previous[k]);
                magnitude[k] = compressed;
            }

            flux[f] = f == 0 ? 0 : positiveChange / bins;
            (previous, magnitude) = (magnitude, previous);
            if (rms[f] < SilenceRms || totalPower <= 0)
            {
                continue;
            }

            centroid.Add(weighted / total);
            double threshold = 0.85 * totalPower, cumulative = 0;
            int rollBin = bins - 1;
            for (int k = 0; k < bins; k++)
            {
                cumulative += power[k];
                if (cumulative >= threshold)
                {
                    rollBin = k;
                    break;
                }
            }

            rolloff.Add(tables.Frequency[rollBin]);
            // Entropy of the power distribution: -sum (p/T) ln(p/T) = ln T - sum(p ln p) / T.
            double h = Math.Log(totalPower) - powerLogPower / totalPower;
            flatness.Add(Math.Clamp(Math.Exp(logSum / bins) / (totalPower / bins), 0, 1));
            crest.Add(peak / (total / bins));
            entropy.Add(Math.Clamp(h / Math.Log(bins), 0, 1));
            lowShare.Add(low / totalPower);

            for (int b = 0; b < MelBands; b++)
            {
                double energy = 0;
                foreach ((int k, double w) in tables.MelFilters[b])
                {
                    energy += w * power[k];
                }

                mel[b] = Math.Log(energy + 1e-12);
            }

            double[] coefficients = new double[Mfccs];
            for (int c = 1; c <= Mfccs; c++)
            {
                double sum = 0;
                for (int b = 0; b < MelBands; b++)
                {
                    sum += mel[b] * tables.Dct[c, b];
                }

                coefficients[c - 1] = sum;
            }

            mfcc.Add(coefficients);
        }

        double seconds = (double)signal.Length / sampleRate;
        double[] onsets = OnsetEnvelope(signal);
        double envelopeRate = (double)sampleRate / EnvelopeHop;
        double[] loudDb = rms.Where(r => r >= SilenceRms).Select(r => 20 * Math.Log10(r)).Order().ToArray();
        (double tempo, double confidence) = Tempo(onsets, envelopeRate);
        var values = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["rmsMean"] = Mean(rms),
            ["rmsStd"] = Std(rms),
            ["rmsMeanDb"] = Math.Max(-100, 20 * Math.Log10(Mean(rms) + 1e-10)),
            ["dynamicRangeDb"] = loudDb.Length == 0 ? 0 : Percentile(loudDb, 0.95) - Percentile(loudDb, 0.05),
            ["silenceRatio"] = frames == 0 ? 1 : (double)rms.Count(r => r < SilenceRms) / frames,
            ["zcrMean"] = Mean(zcr),
            ["zcrStd"] = Std(zcr),
            ["centroidMean"] = Mean(centroid),
            ["centroidStd"] = Std(centroid),
            ["rolloffMean"] = Mean(rolloff),
            ["rolloffStd"] = Std(rolloff),
            ["flatnessMean"] = Mean(flatness),
            ["flatnessStd"] = Std(flatness),
            ["fluxMean"] = Mean(flux),
            ["fluxStd"] = Std(flux),
            ["crestMean"] = Mean(crest),
            ["crestStd"] = Std(crest),
            ["entropyMean"] = Mean(entropy),
            ["entropyStd"] = Std(entropy),
            ["lowEnergyRatio"] = Mean(lowShare),
            ["onsetDensity"] = seconds <= 0 ? 0 : CountOnsets(onsets, envelopeRate) / seconds,
            ["tempoBpm"] = tempo,
            ["tempoConfidence"] = confidence,
        };
        for (int c = 0; c < Mfccs; c++)
        {
            values[$"mfcc{c + 1}Mean"] = Mean(mfcc.Select(m => m[c]));
            values[$"mfcc{c + 1}Std"] = Std(mfcc.Select(m => m[c]));
        }

        return new AudioAnalysis(values, rms, frames);
    }

    /// <summary>Rises of the log energy of 256-sample blocks every 128 samples (half-wave rectified differences).</summary>
    private static double[] OnsetEnvelope(ReadOnlySpan<float> signal)
    {
        const int block = 2 * EnvelopeHop;
        int count = signal.Length < block ? 0 : 1 + (signal.Length - block) / EnvelopeHop;
        double[] envelope = new double[count];
        double previous = 0;
        for (int t = 0; t < count; t++)
        {
            ReadOnlySpan<float> window = signal.Slice(t * EnvelopeHop, block);
            double energy = 0;
            foreach (float v in window)
            {
                energy += v * v;
            }

            double level = Math.Log(1e-6 + energy / block);
            envelope[t] = t == 0 ? 0 : Math.Max(0, level - previous);
            previous = level;
        }

        return envelope;
    }

    /// <summary>Onsets: peaks of the onset envelope above the local mean plus one local spread (±0.25 s), at least 50 ms apart.</summary>
    private static int CountOnsets(double[] envelope, double framesPerSecond)
    {
        int n = envelope.Length;
        double[] sum = new double[n + 1], squares = new double[n + 1];
        for (int i = 0; i < n; i++)
        {
            sum[i + 1] = sum[i] + envelope[i];
            squares[i + 1] = squares[i] + envelope[i] * envelope[i];
        }

        int minGap = Math.Max(1, (int)Math.Round(0.05 * framesPerSecond));
        int half = Math.Max(2, (int)Math.Round(0.25 * framesPerSecond));
        double floor = n == 0 ? 0 : sum[n] / n * 0.5;
        int count = 0, last = -minGap;
        for (int i = 1; i < n - 1; i++)
        {
            if (envelope[i] <= envelope[i - 1] || envelope[i] < envelope[i + 1] || i - last < minGap || envelope[i] <= floor)
            {
                continue;
            }

            int a = Math.Max(0, i - half), b = Math.Min(n, i + half + 1), w = b - a;
            double mean = (sum[b] - sum[a]) / w;
            double spread = Math.Sqrt(Math.Max(0, (squares[b] - squares[a]) / w - mean * mean));
            if (envelope[i] > mean + spread + 1e-9)
            {
                count++;
                last = i;
            }
        }

        return count;
    }

    /// <summary>
    /// Tempo from the autocorrelation of the onset envelope between 60 and 200 BPM, weighted toward 120 BPM
    /// (one octave either side) against half/double-tempo errors, with the peak refined to a fraction of a frame.
    /// </summary>
    private static (double Bpm, double Confidence) Tempo(double[] flux, double framesPerSecond)
    {
        double mean = Mean(flux);
        double[] centred = flux.Select(v => v - mean).ToArray();
        double energy = centred.Sum(v => v * v);
        int minLag = (int)Math.Floor(framesPerSecond * 60 / 200), maxLag = (int)Math.Ceiling(framesPerSecond * 60 / 60);
        if (energy <= 1e-12 || centred.Length <= maxLag + 2)
        {
            return (0, 0);
        }

        double Acf(int lag)
        {
            double s = 0;
            for (int i = 0; i + lag < centred.Length; i++)
            {
                s += centred[i] * centred[i + lag];
            }

            return s / energy;
        }

        double[] acf = new double[maxLag + 2];
        for (int lag = Math.Max(1, minLag - 1); lag <= maxLag + 1; lag++)
        {
            acf[lag] = Acf(lag);
        }

        int best = -1;
        double bestScore = double.MinValue;
        for (int lag = minLag; lag <= maxLag; lag++)
        {
            double bpm = 60 * framesPerSecond / lag;
            double prior = Math.Exp(-0.5 * Math.Pow(Math.Log2(bpm / 120), 2));
            double score = acf[lag] * prior;
            if (score > bestScore && acf[lag] >= acf[lag - 1] && acf[lag] >= acf[lag + 1])
            {
                bestScore = score;
                best = lag;
            }
        }

        if (best < 0 || acf[best] <= 0)
        {
            return (0, 0);
        }

        double a = acf[best - 1], b = acf[best], c = acf[best + 1];
        double denominator = a - 2 * b + c;
        double offset = Math.Abs(denominator) < 1e-12 ? 0 : Math.Clamp(0.5 * (a - c) / denominator, -0.5, 0.5);
        return (60 * framesPerSecond / (best + offset), Math.Clamp(b, 0, 1));
    }

    private static double Mean(IEnumerable<double> values)
    {
        double sum = 0;
        int n = 0;
        foreach (double v in values)
        {
            sum += v;
            n++;
        }

        return n == 0 ? 0 : sum / n;
    }

    private static double Std(IEnumerable<double> values)
    {
        double[] v = values as double[] ?? values.ToArray();
        if (v.Length < 2)
        {
            return 0;
        }

        double m = Mean(v);
        return Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / v.Length);
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Round(p * (sorted.Length - 1)), 0, sorted.Length - 1)];

    /// <summary>Window, bin frequencies, mel filters and the DCT for one sample rate.</summary>
    private sealed class Tables
    {
        public Tables(int sampleRate)
        {
            Window = Enumerable.Range(0, FrameSize).Select(i => 0.5 - 0.5 * Math.Cos(2 * Math.PI * i / (FrameSize - 1))).ToArray();
            int bins = FrameSize / 2 + 1;
            Frequency = Enumerable.Range(0, bins).Select(k => (double)k * sampleRate / FrameSize).ToArray();
            LowBins = Frequency.Count(f => f < LowFrequencyHz);
            double Mel(double hz) => 2595 * Math.Log10(1 + hz / 700);
            double Hz(double mel) => 700 * (Math.Pow(10, mel / 2595) - 1);
            double low = Mel(20), high = Mel(sampleRate / 2.0);
            double[] edges = Enumerable.Range(0, MelBands + 2).Select(i => Hz(low + (high - low) * i / (MelBands + 1))).ToArray();
            MelFilters = new (int, double)[MelBands][];
            for (int b = 0; b < MelBands; b++)
            {
                var filter = new List<(int, double)>();
                for (int k = 0; k < bins; k++)
                {
                    double f = Frequency[k];
                    double w = f <= edges[b] || f >= edges[b + 2] ? 0
                        : f <= edges[b + 1] ? (f - edges[b]) / (edges[b + 1] - edges[b])
                        : (edges[b + 2] - f) / (edges[b + 2] - edges[b + 1]);
                    if (w > 0)
                    {
                        filter.Add((k, w));
                    }
                }

                MelFilters[b] = filter.ToArray();
            }

            Dct = new double[Mfccs + 1, MelBands];
            for (int c = 0; c <= Mfccs; c++)
            {
                for (int b = 0; b < MelBands; b++)
                {
                    Dct[c, b] = Math.Sqrt(2.0 / MelBands) * Math.Cos(Math.PI * c * (b + 0.5) / MelBands);
                }
            }
        }

        public double[] Window { get; }
        public double[] Frequency { get; }
        public int LowBins { get; }
        public (int Bin, double Weight)[][] MelFilters { get; }
        public double[,] Dct { get; }
    }
}

/// <summary>The features, and the per-frame RMS they summarise (for checks and SID-native alignment).</summary>
public sealed record AudioAnalysis(IReadOnlyDictionary<string, double> Features, IReadOnlyList<double> FrameRms, int Frames);
