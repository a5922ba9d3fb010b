using System.Buffers.Binary;
using System.Security.Cryptography;

namespace SidFlow.Emulation.Sid;

/// <summary>
/// The MD5 of a SID file (RFC 1321), the key of HVSC's song-length database. The platform's MD5 where it has one;
/// in the browser, where .NET has no MD5, this managed one, which gives the same digest.
/// </summary>
public static class Md5Digest
{
    private static readonly int[] Shifts =
    [
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
        5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
        4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
        6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
    ];

    private static readonly uint[] Constants = Enumerable.Range(0, 64).Select(i => (uint)(long)Math.Floor(Math.Abs(Math.Sin(i + 1)) * 4294967296.0)).ToArray();

    /// <summary>Lower-case hex digest.</summary>
    public static string HexOf(ReadOnlySpan<byte> data) =>
        Convert.ToHexStringLower(OperatingSystem.IsBrowser() ? Compute(data) : MD5.HashData(data));

    /// <summary>The managed digest (used where the platform has none).</summary>
    public static byte[] Compute(ReadOnlySpan<byte> data)
    {
        int padded = ((data.Length + 8) / 64 + 1) * 64;
        byte[] message = new byte[padded];
        data.CopyTo(message);
        message[data.Length] = 0x80;
        BinaryPrimitives.WriteUInt64LittleEndian(message.AsSpan(padded - 8), (ulong)data.Length * 8);

        uint a0 = 0x67452301, b0 = 0xefcdab89, c0 = 0x98badcfe, d0 = 0x10325476;
        Span<uint> m = stackalloc uint[16];
        for (int chunk = 0; chunk < padded; chunk += 64)
        {
            for (int i = 0; i < 16; i++)
            {
                m[i] = BinaryPrimitives.ReadUInt32LittleEndian(message.AsSpan(chunk + (i * 4)));
            }

            uint a = a0, b = b0, c = c0, d = d0;
            for (int i = 0; i < 64; i++)
            {
                uint f;
                int g;
                switch (i / 16)
                {
                    case 0: f = (b & c) | (~b & d); g = i; break;
                    case 1: f = (d & b) | (~d & c); g = ((5 * i) + 1) % 16; break;
                    case 2: f = b ^ c ^ d; g = ((3 * i) + 5) % 16; break;
                    default: f = c ^ (b | ~d); g = (7 * i) % 16; break;
                }

                f += a + Constants[i] + m[g];
                a = d;
                d = c;
                c = b;
                b += uint.RotateLeft(f, Shifts[i]);
            }

            a0 += a;
            b0 += b;
            c0 += c;
            d0 += d;
        }

        byte[] digest = new byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(digest, a0);
        BinaryPrimitives.WriteUInt32LittleEndian(digest.AsSpan(4), b0);
        BinaryPrimitives.WriteUInt32LittleEndian(digest.AsSpan(8), c0);
        BinaryPrimitives.WriteUInt32LittleEndian(digest.AsSpan(12), d0);
        return digest;
    }
}
