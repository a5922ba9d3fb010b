namespace SidFlow.Core.Classification;

/// <summary>The <c>classify</c> section (plus the guide's top-level <c>classificationDepth</c>).</summary>
public sealed class ClassifyOptions
{
    /// <summary>22,050 Hz mono: the SID's tones and the filter sweeps that shape timbre lie below 11 kHz, and half the CD rate halves FFT work.</summary>
    public int SampleRate { get; set; } = 22_050;

    /// <summary>Intros are skipped: songs of 30 s or more start the analysis this far in.</summary>
    public double SkipSeconds { get; set; } = 15;

    /// <summary>Seconds analysed of songs long enough.</summary>
    public double WindowSeconds { get; set; } = 15;

    /// <summary>Length assumed when the song-length database has no entry.</summary>
    public double DefaultLengthSeconds { get; set; } = 60;

    /// <summary>Songs classified at once per instance; the guide's top-level <c>threads</c>.</summary>
    public int Threads { get; set; } = Environment.ProcessorCount;

    /// <summary>The share (percent) of the window analysed; the guide's <c>classificationDepth</c>.</summary>
    public int ClassificationDepth { get; set; } = 100;

    /// <summary>
    /// The analysis window of a song of a given length: for 30 s or more, skip 15 s and analyse 15 s;
    /// shorter songs skip proportionally less (half the song) and analyse what is left, up to the window.
    /// </summary>
    public (TimeSpan Offset, TimeSpan Duration) WindowFor(TimeSpan length)
    {
        double l = Math.Max(0.5, length.TotalSeconds);
        double full = SkipSeconds + WindowSeconds;
        double skip = l >= full ? SkipSeconds : l * SkipSeconds / full;
        double window = Math.Min(WindowSeconds, l - skip) * Math.Clamp(ClassificationDepth, 10, 100) / 100.0;
        return (TimeSpan.FromSeconds(skip), TimeSpan.FromSeconds(Math.Max(0.25, window)));
    }
}
