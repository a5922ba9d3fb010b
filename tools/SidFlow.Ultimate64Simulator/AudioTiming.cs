namespace SidFlow.Ultimate64Simulator;

/// <summary>The audio stream's format and rates as the device has them.</summary>
public static class AudioTiming
{
    public const int FramesPerPacket = 192;

    /// <summary>A 16-bit sequence number and 192 stereo frames of 16-bit samples.</summary>
    public const int PacketBytes = 2 + (FramesPerPacket * 2 * sizeof(short));

    public const int HandshakeBytes = 2;

    public const int DefaultPort = 11001;

    /// <summary>The machine's true audio rate: it follows the CPU clock, not 48 kHz.</summary>
    public static double TrueRate(SidClockKind clock) => clock == SidClockKind.Ntsc ? 47_940.341 : 47_982.887;

    /// <summary>The integer rate the simulator renders at (47983 PAL, 47940 NTSC).</summary>
    public static int SampleRate(SidClockKind clock) => (int)Math.Round(TrueRate(clock));

    public static double PacketRate(SidClockKind clock) => TrueRate(clock) / FramesPerPacket;

    /// <summary>How many packets <paramref name="sequence"/> comes after <paramref name="from"/>, modulo 65536.</summary>
    public static int SerialDistance(int sequence, int from) => (sequence - from) & 0xFFFF;
}
