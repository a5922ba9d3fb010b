using MathNet.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace SidFlow.Core.Classification;

/// <summary>
/// The power spectrum of a real frame through MathNet's FFT: the N real samples go in as N/2 complex
/// ones (even samples real, odd imaginary), and one O(N) pass splits the result into bins 0..N/2.
/// Half the transform of a complex input of length N, and single-threaded: for one small FFT MathNet's
/// own parallelism only costs time.
/// </summary>
public sealed class PowerSpectrum
{
    private readonly int _n;
    private readonly Complex32[] _z;
    private readonly float[] _cos, _sin;

    static PowerSpectrum() => Control.UseSingleThread();

    public PowerSpectrum(int n)
    {
        if (n < 4 || (n & (n - 1)) != 0)
        {
            throw new ArgumentException("the frame size must be a power of two", nameof(n));
        }

        _n = n;
        _z = new Complex32[n / 2];
        _cos = new float[n / 2 + 1];
        _sin = new float[n / 2 + 1];
        for (int k = 0; k <= n / 2; k++)
        {
            _cos[k] = (float)Math.Cos(2 * Math.PI * k / n);
            _sin[k] = (float)Math.Sin(2 * Math.PI * k / n);
        }
    }

    /// <summary>|X[k]|² for k = 0..N/2 of the (already windowed) frame; unscaled.</summary>
    public void Compute(ReadOnlySpan<float> frame, Span<double> power)
    {
        int half = _n / 2;
        for (int i = 0; i < half; i++)
        {
            _z[i] = new Complex32(frame[2 * i], frame[2 * i + 1]);
        }

        Fourier.Forward(_z, FourierOptions.NoScaling);
        for (int k = 0; k <= half; k++)
        {
            Complex32 a = _z[k == half ? 0 : k];
            Complex32 b = _z[k == 0 ? 0 : half - k];
            // Even part E = (a + conj b)/2, odd part O = (a - conj b)/(2i); X[k] = E + e^{-2πik/N} O.
            float er = (a.Real + b.Real) * 0.5f, ei = (a.Imaginary - b.Imaginary) * 0.5f;
            float or = (a.Imaginary + b.Imaginary) * 0.5f, oi = -(a.Real - b.Real) * 0.5f;
            float c = _cos[k], s = _sin[k];
            float xr = er + c * or + s * oi;
            float xi = ei + c * oi - s * or;
            power[k] = (double)xr * xr + (double)xi * xi;
        }
    }
}
