using System.Runtime.CompilerServices;
using SidFlow.Emulation.Sid;

namespace SidFlow.Emulation;

/// <summary>
/// The SID filter as a linear state-variable filter (trapezoidal integration, stable at any cutoff) with
/// low-, band- and high-pass outputs summed as the mode bits select. Cutoff and gains follow the chip
/// model as measured from sidplayfp (reSIDfp, default filter settings) with test tones: the 8580's
/// linear 7.27 Hz per FC step with resonance Q 0.707-2.6; the 6581's curve from about 290 Hz at FC 0
/// rising steeply between FC 256 and 768, with milder resonance (Q 0.707-2) that also raises the
/// cutoff (up to 2.5 times) and the filtered path's level (-2.8 dB at resonance 0, -1.4 dB at 15), and
/// a high-pass 2.5 dB below the low-pass. The chip's filter is built from inverting integrators and an
/// inverting summer, so its low- and high-pass outputs are the negative of the input in their pass bands
/// (band-pass is not): the filtered path's DC and any note it shares with an unfiltered voice meet the
/// direct path with that sign. The 6581's level-dependent distortion and the spread between individual
/// chips are not modelled.
/// </summary>
public sealed class SidFilter
{
    // (FC register value, cutoff Hz) of the 6581, fitted to low-pass and band-pass sweeps; linear between points.
    private static readonly (int Fc, double Hz)[] Curve6581 =
    [
        (0, 290), (128, 320), (192, 380), (256, 460), (320, 720), (384, 1100), (448, 1600), (512, 2000),
        (640, 3700), (768, 4600), (896, 6500), (1024, 7600), (1280, 10500), (1536, 13000), (1792, 15000), (2047, 16500),
    ];

    private const double HzPerStep8580 = 7.27;
    private const double PathGainDb6581 = -2.8;
    private const double PathGainDbPerResonanceStep6581 = 0.093;
    private const float HighPassGain6581 = 0.75f;

    private readonly float _highPassGain;

    private readonly SidModel _model;
    private readonly double _sampleRate;
    private float _pathGain;
    private float _k = 1.414f;
    private int _resonance;
    private float _a1;
    private float _a2;
    private float _a3;
    private float _ic1;
    private float _ic2;
    private int _cutoff;

    public SidFilter(SidModel model, double sampleRate)
    {
        _model = model == SidModel.Mos8580 ? SidModel.Mos8580 : SidModel.Mos6581;
        _sampleRate = sampleRate;
        _highPassGain = _model == SidModel.Mos8580 ? 1f : HighPassGain6581;
        Update();
    }

    /// <summary>Which outputs are summed: bit 0 low-pass, bit 1 band-pass, bit 2 high-pass ($D418 bits 4-6).</summary>
    public int Mode { get; set; }

    private static double CutoffHz(SidModel model, int fc)
    {
        if (model == SidModel.Mos8580)
        {
            return Math.Max(fc * HzPerStep8580, 2);
        }

        for (int i = 1; i < Curve6581.Length; i++)
        {
            (int x1, double y1) = Curve6581[i];
            if (fc <= x1)
            {
                (int x0, double y0) = Curve6581[i - 1];
                return x1 == x0 ? y1 : y0 + (y1 - y0) * (fc - x0) / (x1 - x0);
            }
        }

        return Curve6581[^1].Hz;
    }

    public void SetCutoff(int fc)
    {
        _cutoff = fc & 0x7FF;
        Update();
    }

    public void SetResonance(int resonance)
    {
        _resonance = resonance & 0x0F;
        Update();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Process(float input)
    {
        float v3 = input - _ic2;
        float v1 = _a1 * _ic1 + _a2 * v3;
        float v2 = _ic2 + _a2 * _ic1 + _a3 * v3;
        _ic1 = 2 * v1 - _ic1;
        _ic2 = 2 * v2 - _ic2;
        float output = 0;
        if ((Mode & 1) != 0)
        {
            output -= v2;
        }

        if ((Mode & 2) != 0)
        {
            output += v1;
        }

        if ((Mode & 4) != 0)
        {
            output -= (input - _k * v1 - v2) * _highPassGain;
        }

        return output * _pathGain;
    }

    private void Update()
    {
        double hz = CutoffHz(_model, _cutoff);
        double q;
        if (_model == SidModel.Mos8580)
        {
            q = 0.707 * Math.Pow(2, _resonance / 8.0);
            _pathGain = 1f;
        }
        else
        {
            q = 0.707 * Math.Pow(2, _resonance / 10.0);
            hz *= 1 + 0.1 * _resonance;
            _pathGain = (float)Math.Pow(10, (PathGainDb6581 + PathGainDbPerResonanceStep6581 * _resonance) / 20);
        }

        _k = (float)(1 / q);
        float g = (float)Math.Tan(Math.PI * Math.Min(hz, _sampleRate * 0.45) / _sampleRate);
        _a1 = 1 / (1 + g * (g + _k));
        _a2 = g * _a1;
        _a3 = g * _a2;
    }
}
