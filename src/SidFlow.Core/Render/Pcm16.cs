using System.Buffers.Binary;

namespace SidFlow.Core.Render;

/// <summary>16-bit little-endian PCM, the format every engine writes.</summary>
public static class Pcm16
{
    /// <summary>The samples as floats in [-1, 1).</summary>
    public static float[] ToFloats(ReadOnlySpan<byte> pcm)
    {
        float[] samples = new float[pcm.Length / 2];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(pcm[(2 * i)..]) / 32768f;
        }

        return samples;
    }
}
