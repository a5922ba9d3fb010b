using System.Numerics;

namespace SidFlow.Emulation;

/// <summary>
/// Lowers the sample rate by an integer factor through a windowed-sinc (Blackman) low-pass: the output
/// keeps everything below 0.45 of its Nyquist frequency and removes what would alias. Factor 1 passes
/// samples through.
/// </summary>
public sealed class Decimator
{
    private readonly int _factor;
    private readonly float[] _taps;
    private float[] _buffer;
    private int _filled;
    private int _position;

    public Decimator(int factor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1);
        _factor = factor;
        _taps = factor == 1 ? [1f] : DesignLowPass(24 * factor + 1, 0.45 / factor);
        _buffer = new float[8192];
        // Start with a full history of silence so the first outputs are aligned, not delayed by a partial window.
        _filled = _taps.Length / 2;
    }

    /// <summary>Appends input samples; writes the outputs now due to <paramref name="output"/> and returns how many.</summary>
    public int Process(ReadOnlySpan<float> input, List<float> output)
    {
        if (_factor == 1)
        {
            foreach (float x in input)
            {
                output.Add(x);
            }

            return input.Length;
        }

        if (_filled + input.Length > _buffer.Length)
        {
            Compact();
            if (_filled + input.Length > _buffer.Length)
            {
                Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _filled + input.Length));
            }
        }

        input.CopyTo(_buffer.AsSpan(_filled));
        _filled += input.Length;
        int produced = 0;
        while (_position + _taps.Length <= _filled)
        {
            output.Add(Dot(_taps, _buffer.AsSpan(_position, _taps.Length)));
            _position += _factor;
            produced++;
        }

        return produced;
    }

    private void Compact()
    {
        int keep = _filled - _position;
        _buffer.AsSpan(_position, keep).CopyTo(_buffer);
        _filled = keep;
        _position = 0;
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = Vector<float>.Zero;
        int i = 0;
        for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            sum += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
        }

        float total = Vector.Sum(sum);
        for (; i < a.Length; i++)
        {
            total += a[i] * b[i];
        }

        return total;
    }

    private static float[] DesignLowPass(int length, double cutoff)
    {
        var taps = new float[length];
        int middle = length / 2;
        double sum = 0;
        for (int n = 0; n < length; n++)
        {
            int k = n - middle;
            double sinc = k == 0 ? 2 * cutoff : Math.Sin(2 * Math.PI * cutoff * k) / (Math.PI * k);
            double window = 0.42 - 0.5 * Math.Cos(2 * Math.PI * n / (length - 1)) + 0.08 * Math.Cos(4 * Math.PI * n / (length - 1));
            taps[n] = (float)(sinc * window);
            sum += taps[n];
        }

        for (int n = 0; n < length; n++)
        {
            taps[n] = (float)(taps[n] / sum);
        }

        return taps;
    }
}
