using System.Runtime.CompilerServices;

namespace SidFlow.Emulation;

/// <summary>
/// One SID voice: the 24-bit phase accumulator, the 23-bit noise LFSR, the waveform selectors and the
/// envelope. Waveform values are 12-bit like the chip's DAC input. Combined waveforms are approximated
/// by AND-ing the selected waveforms, which gets their characteristic quietness but not the exact bit
/// patterns the real chips produce.
/// </summary>
public sealed class SidVoice
{
    public const int ControlGate = 0x01;
    public const int ControlSync = 0x02;
    public const int ControlRing = 0x04;
    public const int ControlTest = 0x08;
    public const int WaveTriangle = 0x10;
    public const int WaveSawtooth = 0x20;
    public const int WavePulse = 0x40;
    public const int WaveNoise = 0x80;

    private const int LfsrSeed = 0x7FFFFF;

    public readonly SidEnvelope Envelope = new();

    public int Frequency;
    public int PulseWidth;
    public int Control;
    public int Accumulator;
    public int Lfsr = LfsrSeed;

    /// <summary>Set by the last oscillator step when the accumulator's top bit rose (the sync and ring source signal).</summary>
    public bool MsbRose;

    /// <summary>Cycles since the top bit last rose, valid when <see cref="MsbRose"/>.</summary>
    public long CyclesSinceMsbRose;

    /// <summary>What the waveform DAC holds after the waveform bits were cleared (it floats, then fades).</summary>
    public float FloatingOutput;

    /// <summary>The cycle the waveform bits were cleared at.</summary>
    public long FloatingSince;

    public bool Test => (Control & ControlTest) != 0;

    public void WriteControl(byte value)
    {
        bool wasTest = Test;
        Control = value;
        if (Test)
        {
            Accumulator = 0;
            if (!wasTest)
            {
                Lfsr = LfsrSeed;
            }
        }

        Envelope.SetControl(value);
    }

    /// <summary>Runs the oscillator for <paramref name="cycles"/> cycles (the noise LFSR too when noise is selected).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AdvanceOscillator(long cycles)
    {
        if ((Control & ControlTest) != 0 || Frequency == 0)
        {
            MsbRose = false;
            return;
        }

        long before = Accumulator;
        long after = before + Frequency * cycles;
        MsbRose = ((after + 0x800000) >> 24) != ((before + 0x800000) >> 24);
        if (MsbRose)
        {
            CyclesSinceMsbRose = ((after - 0x800000) & 0xFFFFFF) / Frequency;
        }

        if ((Control & WaveNoise) != 0)
        {
            // The LFSR shifts each time accumulator bit 19 rises; beyond a few dozen shifts the value is as random as it gets.
            long shifts = ((after + 0x80000) >> 20) - ((before + 0x80000) >> 20);
            ShiftNoise((int)Math.Min(shifts, 32));
        }

        Accumulator = (int)(after & 0xFFFFFF);
    }

    /// <summary>Hard sync: the source's top bit rose <paramref name="cyclesAgo"/> cycles ago, restarting this oscillator then.</summary>
    public void Synchronize(long cyclesAgo) => Accumulator = (int)(Frequency * cyclesAgo & 0xFFFFFF);

    /// <summary>The 12-bit waveform output without band-limiting (what $D41B reads, shifted).</summary>
    public int RawWaveform(SidVoice ringSource)
    {
        int waveforms = Control & 0xF0;
        if (waveforms == 0)
        {
            return 0;
        }

        int value = 0xFFF;
        if ((waveforms & WaveTriangle) != 0)
        {
            value &= Triangle(ringSource);
        }

        if ((waveforms & WaveSawtooth) != 0)
        {
            value &= Accumulator >> 12;
        }

        if ((waveforms & WavePulse) != 0)
        {
            value &= PulseHigh ? 0xFFF : 0;
        }

        if ((waveforms & WaveNoise) != 0)
        {
            value &= Noise();
        }

        return value;
    }

    public bool PulseHigh => Test || (Accumulator >> 12) >= PulseWidth;

    /// <summary>Triangle, its fold bit taken from the ring source's top bit when ring modulation is on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Triangle(SidVoice ringSource)
    {
        int msb = (Control & ControlRing) != 0 ? (Accumulator ^ ringSource.Accumulator) & 0x800000 : Accumulator & 0x800000;
        return ((msb != 0 ? ~Accumulator : Accumulator) >> 11) & 0xFFF;
    }

    /// <summary>The 8 LFSR taps the chip sends to the DAC, as the top 8 of 12 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Noise()
    {
        int r = Lfsr;
        return ((r >> 11) & 0x800) | ((r >> 10) & 0x400) | ((r >> 7) & 0x200) | ((r >> 5) & 0x100)
               | ((r >> 4) & 0x080) | ((r >> 1) & 0x040) | ((r << 1) & 0x020) | ((r << 2) & 0x010);
    }

    private void ShiftNoise(int shifts)
    {
        int r = Lfsr;
        for (int i = 0; i < shifts; i++)
        {
            int bit = ((r >> 22) ^ (r >> 17)) & 1;
            r = ((r << 1) | bit) & 0x7FFFFF;
        }

        Lfsr = r;
    }
}
