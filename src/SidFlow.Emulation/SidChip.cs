using System.Runtime.CompilerServices;
using SidFlow.Emulation.Sid;

namespace SidFlow.Emulation;

/// <summary>
/// One SID (6581 or 8580), computed lazily: register writes and reads bring the chip up to the CPU's
/// cycle first, so every write lands at its cycle. With <see cref="Synthesize"/> on, the chip produces
/// samples at <see cref="SampleRate"/> (an internal rate the caller decimates from): oscillators are
/// exact at each sample instant, sawtooth and pulse edges are band-limited with polyBLEP, and the voices
/// are mixed through the filter and the master volume. Off, it only keeps oscillators and envelopes
/// current (for $D41B/$D41C reads and for a later switch to synthesis) at a few operations per access.
/// Each voice's DC offset is modelled (large on the 6581, small on the 8580), so $D418 volume writes are
/// audible as samples.
/// </summary>
public sealed class SidChip
{
    // Full scale of one voice: a 12-bit waveform around its midpoint times the 8-bit envelope.
    private const float VoiceFullScale = 2048f * 255f;

    // Output levels measured from sidplayfp (reSIDfp) with single-voice test tunes: the 6581 plays
    // 11.4 dB below three full-scale voices, the 8580 17 dB below.
    private const float OutputGain6581 = 0.269f;
    private const float OutputGain8580 = 0.141f;
    private const float VoiceDc6581 = 0.676f;
    private const float VoiceDc8580 = 0.109f;
    private const float StartLevel6581 = -0.25f;
    private const float StartLevel8580 = -0.15f;

    private readonly SidVoice _v1 = new();
    private readonly SidVoice _v2 = new();
    private readonly SidVoice _v3 = new();
    private readonly byte[] _registers = new byte[32];
    private readonly SidFilter _filter;
    private readonly float _voiceDc;
    private readonly float _waveZero;
    private readonly float _phasePerCycle;
    private readonly float _phasePerSampleScale;
    private readonly long _cyclesPerSample;
    private readonly uint _cyclesPerSampleFraction;
    private readonly float _dcBlock;
    private readonly float _outputScale;
    private readonly float[] _combinedGain;
    private readonly float[] _envelopeDac;
    private float[] _samples = new float[4096];
    private long _stateCycle;
    private long _nextSampleCycle;
    private uint _nextSampleFraction;
    private int _filterRoute;
    private float _volume;
    private bool _voice3Off;
    private bool _settleCoupling;
    private float _dcIn;
    private float _dcOut;
    private bool _synthesize;
    private readonly long _floatingHold;
    private readonly long _floatingFade;

    public SidChip(SidModel model, double clockHz, int sampleRate)
    {
        Model = model == SidModel.Mos8580 ? SidModel.Mos8580 : SidModel.Mos6581;
        SampleRate = sampleRate;
        _filter = new SidFilter(Model, sampleRate);
        // Each voice adds a DC level that the master volume scales, which is what makes $D418 samples audible:
        // sized so that toggling the volume 0/15 plays at -20.8 dB on the 6581 and -42.3 dB on the 8580, as in sidplayfp.
        _voiceDc = (Model == SidModel.Mos6581 ? VoiceDc6581 : VoiceDc8580) * VoiceFullScale;
        // The waveform DAC's zero sits off the waveform's midpoint (below it on the 6581, above it on the 8580,
        // at reSIDfp's 0x380 and 0x9C0), so notes carry DC that follows the envelope.
        _waveZero = Model == SidModel.Mos6581 ? 0x380 : 0x9C0;
        double cyclesPerSample = clockHz / sampleRate;
        _cyclesPerSample = (long)cyclesPerSample;
        _cyclesPerSampleFraction = (uint)((cyclesPerSample - _cyclesPerSample) * 4_294_967_296.0);
        _phasePerCycle = 1f / (1 << 24);
        _phasePerSampleScale = (float)(cyclesPerSample / (1 << 24));
        _outputScale = (Model == SidModel.Mos6581 ? OutputGain6581 : OutputGain8580) / (3 * VoiceFullScale);
        _combinedGain = CombinedWaveformGains(Model);
        _envelopeDac = SidDac.Table(8, Model == SidModel.Mos6581);
        _floatingHold = Model == SidModel.Mos6581 ? 54_000 : 800_000;
        _floatingFade = Model == SidModel.Mos6581 ? 1_400 : 50_000;
        // The output coupling is a high-pass: DC steps (volume writes, envelopes) fade with the 0.135 s time
        // constant measured from sidplayfp renders (1.2 Hz).
        _dcBlock = (float)(1 - 2 * Math.PI * 1.2 / sampleRate);
        // With the volume at 0 the chip's output still idles at a DC level, and the capacitor starts empty, so
        // every tune opens with that level fading through the high-pass (about -0.25 of full scale on the 6581,
        // -0.15 on the 8580, fitted to how sidplayfp renders it): the high-pass starts as if its last input
        // were that far from the signal's own DC.
        _dcIn = -(Model == SidModel.Mos6581 ? StartLevel6581 : StartLevel8580) / _outputScale;
    }

    public SidModel Model { get; }

    public int SampleRate { get; }

    /// <summary>Samples produced since the last <see cref="TakeSamples"/>.</summary>
    public int SampleCount { get; private set; }

    /// <summary>On: produce samples. Off: keep state only. Turning it on starts the sample clock at the current cycle.</summary>
    public bool Synthesize
    {
        get => _synthesize;
        set
        {
            if (value && !_synthesize)
            {
                // Resuming after a trace-only stretch: the coupling capacitor has long since charged.
                _settleCoupling = _stateCycle > 0;
                _nextSampleCycle = _stateCycle;
                _nextSampleFraction = 0;
            }

            _synthesize = value;
        }
    }

    private SidVoice Voice(int index) => index switch { 0 => _v1, 1 => _v2, _ => _v3 };

    public byte Read(int register, long cycle)
    {
        switch (register)
        {
            case 0x19:
            case 0x1A:
                // No paddles connected.
                return 0xFF;
            case 0x1B:
                ClockTo(cycle);
                return (byte)(_v3.RawWaveform(_v2) >> 4);
            case 0x1C:
                ClockTo(cycle);
                return (byte)_v3.Envelope.Level;
            default:
                return 0;
        }
    }

    public void Write(int register, byte value, long cycle)
    {
        ClockTo(cycle);
        _registers[register] = value;
        if (register < 21)
        {
            SidVoice voice = Voice(register / 7);
            switch (register % 7)
            {
                case 0:
                    voice.Frequency = (voice.Frequency & 0xFF00) | value;
                    break;
                case 1:
                    voice.Frequency = (voice.Frequency & 0x00FF) | (value << 8);
                    break;
                case 2:
                    voice.PulseWidth = (voice.PulseWidth & 0xF00) | value;
                    break;
                case 3:
                    voice.PulseWidth = (voice.PulseWidth & 0x0FF) | ((value & 0x0F) << 8);
                    break;
                case 4:
                    if ((voice.Control & 0xF0) != 0 && (value & 0xF0) == 0)
                    {
                        voice.FloatingOutput = Waveform(voice, RingSource(voice));
                        voice.FloatingSince = cycle;
                    }

                    voice.WriteControl(value);
                    break;
                case 5:
                    voice.Envelope.SetAttackDecay(value);
                    break;
                default:
                    voice.Envelope.SetSustainRelease(value);
                    break;
            }

            return;
        }

        switch (register)
        {
            case 0x15:
            case 0x16:
                _filter.SetCutoff((_registers[0x16] << 3) | (_registers[0x15] & 0x07));
                break;
            case 0x17:
                _filter.SetResonance(value >> 4);
                _filterRoute = value & 0x07;
                break;
            case 0x18:
                _filter.Mode = (value >> 4) & 0x07;
                _voice3Off = (value & 0x80) != 0;
                _volume = (value & 0x0F) / 15f;
                break;
        }
    }

    /// <summary>Brings the chip to <paramref name="cycle"/>, producing the samples due before it when synthesizing.</summary>
    public void ClockTo(long cycle)
    {
        if (_synthesize)
        {
            while (_nextSampleCycle <= cycle)
            {
                Advance(_nextSampleCycle - _stateCycle);
                _stateCycle = _nextSampleCycle;
                Emit();
                uint fraction = _nextSampleFraction + _cyclesPerSampleFraction;
                _nextSampleCycle += _cyclesPerSample + (fraction < _nextSampleFraction ? 1 : 0);
                _nextSampleFraction = fraction;
            }
        }

        Advance(cycle - _stateCycle);
        _stateCycle = cycle;
    }

    /// <summary>The samples produced so far (in [-1, 1] at full scale); the count restarts at zero.</summary>
    public ReadOnlySpan<float> TakeSamples()
    {
        int n = SampleCount;
        SampleCount = 0;
        return _samples.AsSpan(0, n);
    }

    private void Advance(long cycles)
    {
        if (cycles <= 0)
        {
            return;
        }

        _v1.AdvanceOscillator(cycles);
        _v2.AdvanceOscillator(cycles);
        _v3.AdvanceOscillator(cycles);
        if ((_v1.Control & SidVoice.ControlSync) != 0 && _v3.MsbRose)
        {
            _v1.Synchronize(Math.Min(_v3.CyclesSinceMsbRose, cycles));
        }

        if ((_v2.Control & SidVoice.ControlSync) != 0 && _v1.MsbRose)
        {
            _v2.Synchronize(Math.Min(_v1.CyclesSinceMsbRose, cycles));
        }

        if ((_v3.Control & SidVoice.ControlSync) != 0 && _v2.MsbRose)
        {
            _v3.Synchronize(Math.Min(_v2.CyclesSinceMsbRose, cycles));
        }

        _v1.Envelope.Advance(cycles);
        _v2.Envelope.Advance(cycles);
        _v3.Envelope.Advance(cycles);
    }

    private void Emit()
    {
        float o1 = VoiceOutput(_v1, _v3);
        float o2 = VoiceOutput(_v2, _v1);
        float o3 = VoiceOutput(_v3, _v2);
        float filtered = 0;
        float direct = 0;
        if ((_filterRoute & 1) != 0)
        {
            filtered += o1;
        }
        else
        {
            direct += o1;
        }

        if ((_filterRoute & 2) != 0)
        {
            filtered += o2;
        }
        else
        {
            direct += o2;
        }

        if ((_filterRoute & 4) != 0)
        {
            filtered += o3;
        }
        else if (!_voice3Off)
        {
            direct += o3;
        }

        float mixed = (_filter.Process(filtered) + direct) * _volume;
        if (_settleCoupling)
        {
            _dcIn = mixed;
            _settleCoupling = false;
        }

        float output = mixed - _dcIn + _dcBlock * _dcOut;
        _dcIn = mixed;
        _dcOut = output;
        if (SampleCount == _samples.Length)
        {
            Array.Resize(ref _samples, _samples.Length * 2);
        }

        _samples[SampleCount++] = output * _outputScale;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float VoiceOutput(SidVoice voice, SidVoice source)
    {
        int level = voice.Envelope.Level;
        if (level == 0)
        {
            return _voiceDc;
        }

        return (Waveform(voice, source) - _waveZero) * _envelopeDac[level] + _voiceDc;
    }

    private float Waveform(SidVoice voice, SidVoice source)
    {
        int control = voice.Control;
        switch (control & 0xF0)
        {
            case SidVoice.WaveTriangle:
                return voice.Triangle(source);
            case SidVoice.WaveSawtooth:
            {
                float step = voice.Frequency * _phasePerSampleScale;
                float phase = voice.Accumulator * _phasePerCycle;
                return (voice.Accumulator >> 12) - 2048f * PolyBlep(phase, step);
            }

            case SidVoice.WavePulse:
            {
                int width = voice.PulseWidth;
                if ((control & SidVoice.ControlTest) != 0 || width == 0)
                {
                    return voice.PulseHigh ? 0xFFF : 0;
                }

                float step = voice.Frequency * _phasePerSampleScale;
                float phase = voice.Accumulator * _phasePerCycle;
                float sinceRise = phase - width * (1f / 4096);
                if (sinceRise < 0)
                {
                    sinceRise += 1;
                }

                return (voice.PulseHigh ? 0xFFF : 0) + 2048f * (PolyBlep(sinceRise, step) - PolyBlep(phase, step));
            }

            case SidVoice.WaveNoise:
                return voice.Noise();
            case 0:
                return Floating(voice);
            default:
                return voice.RawWaveform(source) * _combinedGain[(control >> 4) & 0x0F];
        }
    }

    private SidVoice RingSource(SidVoice voice) => ReferenceEquals(voice, _v1) ? _v3 : ReferenceEquals(voice, _v2) ? _v1 : _v2;

    /// <summary>
    /// With no waveform selected the DAC input floats: it holds the last output for a while (about 55 ms on
    /// the 6581, 0.8 s on the 8580, as reSIDfp models it), then its bits drain away one per fade period.
    /// Players that clear the waveform between notes depend on it not clicking to zero.
    /// </summary>
    private float Floating(SidVoice voice)
    {
        long age = _stateCycle - voice.FloatingSince - _floatingHold;
        if (age < 0)
        {
            return voice.FloatingOutput;
        }

        int value = (int)voice.FloatingOutput;
        for (long fades = age / _floatingFade; fades > 0 && value != 0; fades--)
        {
            value &= value >> 1;
        }

        return value;
    }

    /// <summary>
    /// Level of each combined waveform (index: waveform bits) relative to the AND of its parts, from
    /// sidplayfp measurements at 50% pulse width: on the 6581 saw+triangle is 19 dB down and pulse+saw
    /// all but silent; on the 8580 combinations stay within 3 dB. Combinations with noise are silent
    /// on both (noise locks up).
    /// </summary>
    private static float[] CombinedWaveformGains(SidModel model)
    {
        float[] gains = new float[16];
        bool mos6581 = model == SidModel.Mos6581;
        gains[0x3] = Decibels(mos6581 ? -19.0 : -1.1);
        gains[0x5] = Decibels(mos6581 ? -5.3 : -2.9);
        gains[0x6] = Decibels(mos6581 ? -42.5 : -2.4);
        gains[0x7] = Decibels(mos6581 ? -38.2 : -2.9);
        return gains;
    }

    private static float Decibels(double db) => (float)Math.Pow(10, db / 20);

    /// <summary>The polyBLEP residual of a unit step at phase 0, for a phase advancing <paramref name="step"/> per sample.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float PolyBlep(float phase, float step)
    {
        if (phase < step)
        {
            float t = phase / step;
            return t + t - t * t - 1;
        }

        if (phase > 1 - step)
        {
            float t = (phase - 1) / step;
            return t * t + t + t + 1;
        }

        return 0;
    }
}
