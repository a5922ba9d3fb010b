using System.Buffers.Binary;
using System.Text;

namespace SidFlow.Core.Render;

/// <summary>16-bit PCM WAV headers: written with exact sizes, read from streams whose sizes may be placeholders.</summary>
public static class WavFormat
{
    public const int HeaderBytes = 44;

    public static byte[] Header(int sampleRate, int channels, long dataBytes)
    {
        byte[] h = new byte[HeaderBytes];
        Encoding.ASCII.GetBytes("RIFF").CopyTo(h, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(4), (uint)Math.Min(uint.MaxValue, dataBytes + 36));
        Encoding.ASCII.GetBytes("WAVEfmt ").CopyTo(h, 8);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(16), 16);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(20), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(22), (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(24), (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(28), (uint)(sampleRate * channels * 2));
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(32), (ushort)(channels * 2));
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(34), 16);
        Encoding.ASCII.GetBytes("data").CopyTo(h, 36);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(40), (uint)Math.Min(uint.MaxValue, dataBytes));
        return h;
    }

    /// <summary>Reads RIFF chunks up to the start of the sample data; returns the format. Sizes of RIFF and data are not trusted.</summary>
    public static async Task<(int SampleRate, int Channels, int BitsPerSample)> ReadHeaderAsync(Stream stream, CancellationToken cancellationToken)
    {
        byte[] riff = new byte[12];
        await stream.ReadExactlyAsync(riff, cancellationToken);
        if (!riff.AsSpan(0, 4).SequenceEqual("RIFF"u8) || !riff.AsSpan(8, 4).SequenceEqual("WAVE"u8))
        {
            throw new InvalidDataException("not a RIFF/WAVE stream");
        }

        (int rate, int channels, int bits)? format = null;
        byte[] chunk = new byte[8];
        for (int guard = 0; guard < 32; guard++)
        {
            await stream.ReadExactlyAsync(chunk, cancellationToken);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(chunk.AsSpan(4));
            if (chunk.AsSpan(0, 4).SequenceEqual("data"u8))
            {
                return format ?? throw new InvalidDataException("data chunk before the fmt chunk");
            }

            if (size > 1 << 20)
            {
                throw new InvalidDataException($"a {size}-byte header chunk");
            }

            byte[] body = new byte[size + (size & 1)];
            await stream.ReadExactlyAsync(body, cancellationToken);
            if (chunk.AsSpan(0, 4).SequenceEqual("fmt "u8) && size >= 16)
            {
                format = (BinaryPrimitives.ReadInt32LittleEndian(body.AsSpan(4)), BinaryPrimitives.ReadUInt16LittleEndian(body.AsSpan(2)),
                    BinaryPrimitives.ReadUInt16LittleEndian(body.AsSpan(14)));
            }
        }

        throw new InvalidDataException("no data chunk in the first 32 chunks");
    }
}
