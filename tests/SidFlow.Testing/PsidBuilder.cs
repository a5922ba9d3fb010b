using SidFlow.Emulation.Sid;
using System.Buffers.Binary;
using System.Text;

namespace SidFlow.Testing;

/// <summary>Builds PSID/RSID files byte by byte, for tests that need exact or broken headers.</summary>
public sealed class PsidBuilder
{
    public string Magic { get; set; } = "PSID";
    public int Version { get; set; } = 2;
    public int? DataOffset { get; set; }
    public int LoadAddress { get; set; }
    public int InitAddress { get; set; } = 0x1000;
    public int PlayAddress { get; set; } = 0x1003;
    public int Songs { get; set; } = 1;
    public int StartSong { get; set; } = 1;
    public uint Speed { get; set; }
    public string Name { get; set; } = "Test Tune";
    public string Author { get; set; } = "SidFlow";
    public string Released { get; set; } = "2026 SidFlow";
    public int Flags { get; set; } = 0x14;
    public byte RelocStartPage { get; set; }
    public byte RelocPages { get; set; }
    public byte SecondSid { get; set; }
    public byte ThirdSid { get; set; }

    /// <summary>Load address written in front of the code when <see cref="LoadAddress"/> is 0.</summary>
    public int EmbeddedLoadAddress { get; set; } = 0x1000;

    /// <summary>C64 code and data; the default is "init: RTS; play: RTS".</summary>
    public byte[] Code { get; set; } = [0x60, 0xEA, 0xEA, 0x60];

    public byte[] Build()
    {
        int headerLength = Version == 1 ? 0x76 : 0x7C;
        byte[] h = new byte[headerLength];
        Encoding.ASCII.GetBytes(Magic.PadRight(4)[..4]).CopyTo(h, 0);
        BinaryPrimitives.WriteUInt16BigEndian(h.AsSpan(0x04), (ushort)Version);
        BinaryPrimitives.WriteUInt16BigEndian(h.AsSpan(0x06), (ushort)(DataOffset ?? headerLength));
        BinaryPrimitives.WriteUInt16BigEndian(h.AsSpan(0x08), (ushort)LoadAddress);
        BinaryPrimitives.WriteUInt16BigEndian(h.AsSpan(0x0A), (ushort)InitAddress);
        BinaryPrimitives.WriteUInt16BigEndian(h.AsSpan(0x0C), (ushort)PlayAddress);
        BinaryPrimitives.WriteUInt16BigEndian(h.AsSpan(0x0E), (ushort)Songs);
        BinaryPrimitives.WriteUInt16BigEndian(h.AsSpan(0x10), (ushort)StartSong);
        BinaryPrimitives.WriteUInt32BigEndian(h.AsSpan(0x12), Speed);
        WriteText(h, 0x16, Name);
        WriteText(h, 0x36, Author);
        WriteText(h, 0x56, Released);
        if (Version >= 2)
        {
            BinaryPrimitives.WriteUInt16BigEndian(h.AsSpan(0x76), (ushort)Flags);
            h[0x78] = RelocStartPage;
            h[0x79] = RelocPages;
            h[0x7A] = SecondSid;
            h[0x7B] = ThirdSid;
        }

        var bytes = new List<byte>(h);
        if (LoadAddress == 0)
        {
            bytes.Add((byte)(EmbeddedLoadAddress & 0xFF));
            bytes.Add((byte)(EmbeddedLoadAddress >> 8));
        }

        bytes.AddRange(Code);
        return bytes.ToArray();
    }

    private static void WriteText(byte[] header, int offset, string text)
    {
        byte[] latin1 = Encoding.Latin1.GetBytes(text);
        Array.Copy(latin1, 0, header, offset, Math.Min(32, latin1.Length));
    }

    /// <summary>A tune that sets up one voice (frequency, ADSR, waveform) in init and, with <paramref name="gateCall"/>, gates it on that play call.</summary>
    public static SidFile NoteTune(int frequency, byte attackDecay, byte sustainRelease, byte control, int voiceBase, int flags, int gateCall = 0)
    {
        int sid = 0xD400 + voiceBase;
        var code = new List<byte>
        {
            0xA9, 0x0F, 0x8D, 0x18, 0xD4,                                            // LDA #$0F; STA $D418
            0xA9, (byte)frequency, 0x8D, (byte)sid, 0xD4,                            // frequency low
            0xA9, (byte)(frequency >> 8), 0x8D, (byte)(sid + 1), 0xD4,               // frequency high
            0xA9, 0x00, 0x8D, (byte)(sid + 2), 0xD4, 0xA9, 0x08, 0x8D, (byte)(sid + 3), 0xD4, // pulse width $800
            0xA9, attackDecay, 0x8D, (byte)(sid + 5), 0xD4,
            0xA9, sustainRelease, 0x8D, (byte)(sid + 6), 0xD4,
            0xA9, gateCall == 0 ? control : (byte)(control & 0xFE), 0x8D, (byte)(sid + 4), 0xD4, // waveform (and gate) last
            0x60,                                                                    // RTS
        };
        code.AddRange(new byte[0x100 - code.Count]);
        code.AddRange(
        [
            0xE6, 0xFB,                                     // play: INC $FB
            0xA5, 0xFB, 0xC9, (byte)gateCall, 0xD0, 0x05,   // LDA $FB; CMP #gateCall; BNE +5
            0xA9, control, 0x8D, (byte)(sid + 4), 0xD4,     // LDA #control; STA control register
            0x60,                                           // RTS
        ]);
        var builder = new PsidBuilder { LoadAddress = 0, InitAddress = 0x1000, PlayAddress = 0x1100, Flags = flags, Code = code.ToArray() };
        return SidFile.Parse(builder.Build());
    }
}
