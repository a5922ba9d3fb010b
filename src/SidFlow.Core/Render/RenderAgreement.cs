using SidFlow.Core.Classification;

namespace SidFlow.Core.Render;

/// <summary>
/// How closely two renders of the same song agree, frame by frame (20 ms): the log-RMS envelope
/// (Pearson correlation), the chromagram (correlation of the frame-normalised 12-bin chroma, both
/// renders audible), and the pitch of the loudest partial (share of audible frames within half a
/// semitone). The second render is first aligned to the first at the lag (within ±0.1 s) that best
/// correlates the envelopes, since players start a tune a few frames apart.
/// </summary>
public static class RenderAgreement
{
    public const double FrameSeconds = 0.020;
    private const int FftSize = 2048;
    private const double SilenceDb = -60;
    private const double MinHz = 55;
    private const double MaxHz = 5_000;
    private const int MaxLagFrames = 5;

    public static Agreement Compare(ReadOnlySpan<float> reference, ReadOnlySpan<float> candidate, int sampleRate)
    {
        int hop = (int)Math.Round(sampleRate * FrameSeconds);
        int lag = BestLag(reference, candidate, hop, out double envelope);
        // Shift the candidate so its frames line up with the reference's.
        ReadOnlySpan<float> aligned = lag >= 0 ? candidate[lag..] : candidate;
        ReadOnlySpan<float> referenceAligned = lag >= 0 ? reference : reference[(-lag)..];
        FrameAnalysis a = Analyse(referenceAligned, sampleRate, hop);
        FrameAnalysis b = Analyse(aligned, sampleRate, hop);
        int frames = Math.Min(a.Frames, b.Frames);
        var chromaA = new List<double>();
        var chromaB = new List<double>();
        int pitched = 0;
        int pitchAgree = 0;
        for (int i = 0; i < frames; i++)
        {
            if (a.RmsDb[i] < SilenceDb || b.RmsDb[i] < SilenceDb)
            {
                continue;
            }

            for (int c = 0; c < 12; c++)
            {
                chromaA.Add(a.Chroma[i][c]);
                chromaB.Add(b.Chroma[i][c]);
            }

            if (a.PitchHz[i] > 0 && b.PitchHz[i] > 0)
            {
                pitched++;
                if (Math.Abs(12 * Math.Log2(a.PitchHz[i] / b.PitchHz[i])) < 0.5)
                {
                    pitchAgree++;
                }
            }
        }

        double chroma = chromaA.Count == 0 ? double.NaN : Correlation(chromaA, chromaB, 0, chromaA.Count);
        double pitch = pitched == 0 ? double.NaN : (double)pitchAgree / pitched;
        return new Agreement(envelope, chroma, pitch, (double)lag / sampleRate, chromaA.Count / 12, frames);
    }

    /// <summary>The candidate's offset in samples (1 ms steps) at which the frame envelopes correlate best.</summary>
    private static int BestLag(ReadOnlySpan<float> reference, ReadOnlySpan<float> candidate, int hop, out double best)
    {
        double[] prefixA = Prefix(reference);
        double[] prefixB = Prefix(candidate);
        int step = Math.Max(1, hop / 20);
        int maxLag = MaxLagFrames * hop;
        int frames = (Math.Min(reference.Length, candidate.Length) - maxLag) / hop;
        best = double.NaN;
        int bestLag = 0;
        if (frames < 2)
        {
            return 0;
        }

        var a = new double[frames];
        var b = new double[frames];
        for (int lag = -maxLag; lag <= maxLag; lag += step)
        {
            int startA = lag >= 0 ? 0 : -lag;
            int startB = lag >= 0 ? lag : 0;
            for (int f = 0; f < frames; f++)
            {
                a[f] = FrameDb(prefixA, startA + f * hop, hop);
                b[f] = FrameDb(prefixB, startB + f * hop, hop);
            }

            double r = Correlation(a, b, 0, frames);
            if (double.IsNaN(best) || r > best)
            {
                best = r;
                bestLag = lag;
            }
        }

        return bestLag;
    }

    private static double[] Prefix(ReadOnlySpan<float> signal)
    {
        var prefix = new double[signal.Length + 1];
        for (int i = 0; i < signal.Length; i++)
        {
            prefix[i + 1] = prefix[i] + (double)signal[i] * signal[i];
        }

        return prefix;
    }

    private static double FrameDb(double[] prefix, int start, int length) => 10 * Math.Log10((prefix[start + length] - prefix[start]) / length + 1e-12);

    private static FrameAnalysis Analyse(ReadOnlySpan<float> signal, int sampleRate, int hop)
    {
        int frames = signal.Length / hop;
        var spectrum = new PowerSpectrum(FftSize);
        float[] window = new float[FftSize];
        float[] frame = new float[FftSize];
        double[] power = new double[FftSize / 2 + 1];
        for (int n = 0; n < FftSize; n++)
        {
            window[n] = (float)(0.5 - 0.5 * Math.Cos(2 * Math.PI * n / (FftSize - 1)));
        }

        int[] pitchClassOfBin = new int[power.Length];
        for (int k = 0; k < power.Length; k++)
        {
            double hz = (double)k * sampleRate / FftSize;
            pitchClassOfBin[k] = hz < MinHz || hz > MaxHz ? -1 : (int)(((Math.Round(12 * Math.Log2(hz / 440)) % 12) + 12 + 9) % 12);
        }

        var rmsDb = new double[frames];
        var chroma = new double[frames][];
        var pitch = new double[frames];
        for (int f = 0; f < frames; f++)
        {
            int start = f * hop;
            double sum = 0;
            for (int n = 0; n < hop; n++)
            {
                sum += (double)signal[start + n] * signal[start + n];
            }

            rmsDb[f] = 10 * Math.Log10(sum / hop + 1e-12);
            int centre = start + hop / 2 - FftSize / 2;
            for (int n = 0; n < FftSize; n++)
            {
                int index = centre + n;
                frame[n] = index >= 0 && index < signal.Length ? signal[index] * window[n] : 0;
            }

            spectrum.Compute(frame, power);
            var bins = new double[12];
            int peak = -1;
            for (int k = 1; k < power.Length - 1; k++)
            {
                if (pitchClassOfBin[k] < 0)
                {
                    continue;
                }

                bins[pitchClassOfBin[k]] += Math.Sqrt(power[k]);
                if (peak < 0 || power[k] > power[peak])
                {
                    peak = k;
                }
            }

            double norm = Math.Sqrt(bins.Sum(x => x * x));
            chroma[f] = norm > 0 ? bins.Select(x => x / norm).ToArray() : bins;
            pitch[f] = peak > 0 ? InterpolatedHz(power, peak, sampleRate) : 0;
        }

        return new FrameAnalysis(frames, rmsDb, chroma, pitch);
    }

    /// <summary>The peak's frequency refined by a parabola through the log power of it and its neighbours.</summary>
    private static double InterpolatedHz(double[] power, int k, int sampleRate)
    {
        double l = Math.Log(power[k - 1] + 1e-20), c = Math.Log(power[k] + 1e-20), r = Math.Log(power[k + 1] + 1e-20);
        double denominator = l - 2 * c + r;
        double offset = denominator == 0 ? 0 : Math.Clamp(0.5 * (l - r) / denominator, -0.5, 0.5);
        return (k + offset) * sampleRate / FftSize;
    }

    private static double Correlation(IReadOnlyList<double> a, IReadOnlyList<double> b, int lag, int count)
    {
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        int n = 0;
        for (int i = 0; i < count; i++)
        {
            int j = i + lag;
            if (j < 0 || j >= b.Count || i >= a.Count)
            {
                continue;
            }

            double x = a[i], y = b[j];
            sa += x;
            sb += y;
            saa += x * x;
            sbb += y * y;
            sab += x * y;
            n++;
        }

        if (n < 2)
        {
            return double.NaN;
        }

        double cov = sab - sa * sb / n;
        double va = saa - sa * sa / n;
        double vb = sbb - sb * sb / n;
        return va <= 1e-12 || vb <= 1e-12 ? double.NaN : cov / Math.Sqrt(va * vb);
    }

    private sealed record FrameAnalysis(int Frames, double[] RmsDb, double[][] Chroma, double[] PitchHz);
}

/// <summary>Agreement figures of two renders; NaN where a figure has nothing to compare (silence).</summary>
public sealed record Agreement(double EnvelopeCorrelation, double ChromaCorrelation, double PitchAgreement, double LagSeconds, int AudibleFrames, int Frames);
