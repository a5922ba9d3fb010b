using SidFlow.Emulation;

namespace SidFlow.Core.Classification;

/// <summary>
/// Features read from the SID register writes of the analysis window rather than from the audio: which
/// waveforms the voices use, pulse-width modulation, filter use and cutoff motion, the ADSR character of
/// the notes, how many notes, how wide and varied their pitches, how many voices sound at once, how busy
/// and how fast the player is, and $D418 sample playback. The shadow register file is sampled at the
/// end of every video frame; a voice "sounds" in a frame when its gate is on, a waveform is selected and
/// its frequency is not zero. docs/classification.md defines each one.
/// </summary>
public static class SidTraceFeatures
{
    public static readonly IReadOnlyList<string> Names =
    [
        "waveTriangle", "waveSaw", "wavePulse", "waveNoise", "waveCombined", "pulseWidthModulation",
        "filterUsage", "filterResonance", "cutoffMotion", "attackMean", "sustainMean", "releaseMean", "pluckRatio",
        "noteRate", "pitchRange", "distinctPitches", "polyphony", "writesPerFrame", "playCallsPerFrame",
        "d418WriteRate", "samplePlayback",
    ];

    // A 4-bit sample needs thousands of volume writes a second; players touch $D418 a few times a frame.
    private const double SamplePlaybackWritesPerSecond = 1_000;

    // Writes further apart than this (in cycles) belong to different calls of the player.
    private const int BurstGapCycles = 2_000;

    /// <summary>
    /// Runs the song through the emulator without synthesis and returns the writes of the window
    /// [<paramref name="offset"/>, <paramref name="offset"/> + <paramref name="duration"/>): how features are had
    /// when the audio came from an engine that cannot report its writes.
    /// </summary>
    public static SidRegisterTrace Record(SidFlow.Emulation.Sid.SidFile sid, int subtune, TimeSpan offset, TimeSpan duration, TimeSpan wallClockLimit)
    {
        var emulator = new SidEmulator(sid, new EmulatorOptions { Subtune = subtune, RecordTrace = true, WallClockLimit = wallClockLimit });
        emulator.Skip(offset);
        emulator.Trace!.Clear(emulator.Cycle);
        emulator.Skip(duration);
        return emulator.Trace;
    }

    public static IReadOnlyDictionary<string, double> Of(SidRegisterTrace trace, int chips, TimeSpan window)
    {
        int voices = 3 * Math.Max(1, chips);
        VideoTiming timing = trace.Timing;
        int frames = Math.Max(1, (int)Math.Round(window.TotalSeconds * timing.FramesPerSecond));
        byte[][] registers = Enumerable.Range(0, Math.Max(1, chips)).Select(_ => new byte[32]).ToArray();
        var voiceStats = new VoiceTally[voices];
        for (int v = 0; v < voices; v++)
        {
            voiceStats[v] = new VoiceTally();
        }

        var notes = new List<(int Attack, int Decay, int Sustain, int Release)>();
        var pitches = new List<double>();
        int filterFrames = 0, soundingFrames = 0, cutoffChanges = 0;
        double resonanceSum = 0, cutoffMotion = 0, polyphonySum = 0;
        int lastCutoff = -1;
        long d418Writes = 0;
        int bursts = 0;
        long lastWrite = long.MinValue;
        int[] previousPulse = new int[voices];
        ReadOnlySpan<SidWrite> writes = trace.Writes;
        int next = 0;
        long frameCycles = timing.CyclesPerFrame;
        for (int frame = 0; frame < frames; frame++)
        {
            long frameEnd = trace.StartCycle + (frame + 1) * frameCycles;
            for (; next < writes.Length && writes[next].Cycle < frameEnd; next++)
            {
                SidWrite w = writes[next];
                if (w.Chip >= registers.Length)
                {
                    continue;
                }

                if (w.Cycle - lastWrite > BurstGapCycles)
                {
                    bursts++;
                }

                lastWrite = w.Cycle;
                byte[] r = registers[w.Chip];
                if (w.Register < 21 && w.Register % 7 == 4 && (w.Value & 1) != 0 && (r[w.Register] & 1) == 0)
                {
                    int b = w.Register - 4;
                    notes.Add((r[b + 5] >> 4, r[b + 5] & 0x0F, r[b + 6] >> 4, r[b + 6] & 0x0F));
                }

                if (w.Register == 0x18)
                {
                    d418Writes++;
                }

                if (w.Register < 32)
                {
                    r[w.Register] = w.Value;
                }
            }

            int sounding = 0;
            bool filtered = false;
            for (int v = 0; v < voices; v++)
            {
                byte[] r = registers[v / 3];
                int b = (v % 3) * 7;
                int control = r[b + 4];
                int frequency = r[b] | (r[b + 1] << 8);
                if ((control & 0x01) == 0 || (control & 0xF0) == 0 || frequency == 0)
                {
                    continue;
                }

                sounding++;
                VoiceTally tally = voiceStats[v];
                tally.Frames++;
                int waveform = control & 0xF0;
                switch (waveform)
                {
                    case 0x10: tally.Triangle++; break;
                    case 0x20: tally.Saw++; break;
                    case 0x40: tally.Pulse++; break;
                    case 0x80: tally.Noise++; break;
                    default: tally.Combined++; break;
                }

                int pulse = r[b + 2] | ((r[b + 3] & 0x0F) << 8);
                if ((waveform & 0x40) != 0)
                {
                    tally.PulseFrames++;
                    if (pulse != previousPulse[v])
                    {
                        tally.PulseChanges++;
                    }
                }

                previousPulse[v] = pulse;
                if ((control & 0x80) == 0)
                {
                    double hz = frequency * timing.ClockHz / (1 << 24);
                    pitches.Add(69 + 12 * Math.Log2(hz / 440));
                }

                if ((r[0x17] & (1 << (v % 3))) != 0 && (r[0x18] & 0x70) != 0)
                {
                    filtered = true;
                }
            }

            if (sounding > 0)
            {
                soundingFrames++;
                polyphonySum += sounding;
            }

            if (filtered)
            {
                filterFrames++;
                // The first chip's filter stands for all of them.
                byte[] r0 = registers[0];
                int cutoff = (r0[0x16] << 3) | (r0[0x15] & 0x07);
                resonanceSum += (r0[0x17] >> 4) / 15.0;
                if (lastCutoff >= 0)
                {
                    cutoffMotion += Math.Abs(cutoff - lastCutoff) / 2047.0;
                    cutoffChanges++;
                }

                lastCutoff = cutoff;
            }
            else
            {
                lastCutoff = -1;
            }
        }

        VoiceTally[] active = voiceStats.Where(t => t.Frames > 0).ToArray();
        double Share(Func<VoiceTally, int> count) => active.Length == 0 ? 0 : active.Average(t => (double)count(t) / t.Frames);
        double seconds = Math.Max(window.TotalSeconds, 1e-3);
        double d418Rate = d418Writes / seconds;
        pitches.Sort();
        var result = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["waveTriangle"] = Share(t => t.Triangle),
            ["waveSaw"] = Share(t => t.Saw),
            ["wavePulse"] = Share(t => t.Pulse),
            ["waveNoise"] = Share(t => t.Noise),
            ["waveCombined"] = Share(t => t.Combined),
            ["pulseWidthModulation"] = active.Where(t => t.PulseFrames > 0).Select(t => (double)t.PulseChanges / t.PulseFrames).DefaultIfEmpty(0).Average(),
            ["filterUsage"] = soundingFrames == 0 ? 0 : (double)filterFrames / soundingFrames,
            ["filterResonance"] = filterFrames == 0 ? 0 : resonanceSum / filterFrames,
            ["cutoffMotion"] = cutoffChanges == 0 ? 0 : cutoffMotion / cutoffChanges,
            ["attackMean"] = notes.Count == 0 ? 0 : notes.Average(n => n.Attack / 15.0),
            ["sustainMean"] = notes.Count == 0 ? 0 : notes.Average(n => n.Sustain / 15.0),
            ["releaseMean"] = notes.Count == 0 ? 0 : notes.Average(n => n.Release / 15.0),
            // Plucked: falls to a low sustain quickly. Pads hold a high sustain.
            ["pluckRatio"] = notes.Count == 0 ? 0 : notes.Count(n => n.Sustain <= 4 && n.Decay <= 9) / (double)notes.Count,
            ["noteRate"] = notes.Count / seconds,
            ["pitchRange"] = pitches.Count == 0 ? 0 : Percentile(pitches, 0.95) - Percentile(pitches, 0.05),
            ["distinctPitches"] = DistinctPitches(pitches),
            ["polyphony"] = soundingFrames == 0 ? 0 : polyphonySum / soundingFrames,
            ["writesPerFrame"] = (double)next / frames,
            ["playCallsPerFrame"] = (double)bursts / frames,
            ["d418WriteRate"] = Math.Log10(1 + d418Rate),
            ["samplePlayback"] = d418Rate >= SamplePlaybackWritesPerSecond ? 1 : 0,
        };
        return result;
    }

    /// <summary>Semitones that sound in at least 1% of the voice-frames (at least two), so passing glides do not count.</summary>
    private static double DistinctPitches(List<double> sortedPitches)
    {
        if (sortedPitches.Count == 0)
        {
            return 0;
        }

        int threshold = Math.Max(2, sortedPitches.Count / 100);
        return sortedPitches.GroupBy(p => (int)Math.Round(p)).Count(g => g.Count() >= threshold);
    }

    private static double Percentile(List<double> sorted, double q) => sorted[(int)Math.Round(q * (sorted.Count - 1))];

    private sealed class VoiceTally
    {
        public int Frames;
        public int Triangle;
        public int Saw;
        public int Pulse;
        public int Noise;
        public int Combined;
        public int PulseFrames;
        public int PulseChanges;
    }
}
