using System.Buffers.Binary;

namespace SidFlow.EdgeAgent.Capture;

/// <summary>
/// One datagram of the device's audio stream: a little-endian uint16 sequence number, then 192 stereo
/// frames of signed 16-bit little-endian samples (left, right). Anything of another size is not audio
/// (the device opens with a few 2-byte datagrams to learn the receiver's address).
/// </summary>
public static class AudioPacket
{
    public const int Frames = 192;
    public const int Channels = 2;
    public const int PayloadBytes = Frames * Channels * sizeof(short);
    public const int Bytes = sizeof(ushort) + PayloadBytes;

    public static bool IsAudio(ReadOnlySpan<byte> datagram) => datagram.Length == Bytes;

    public static ushort SequenceOf(ReadOnlySpan<byte> datagram) => BinaryPrimitives.ReadUInt16LittleEndian(datagram);

    public static ReadOnlySpan<byte> PayloadOf(ReadOnlySpan<byte> datagram) => datagram.Slice(sizeof(ushort), PayloadBytes);

    /// <summary>
    /// Serial-number arithmetic (RFC 1982) for 16-bit sequences: how far <paramref name="later"/> is after
    /// <paramref name="earlier"/>, negative when it is before, within ±32,767.
    /// </summary>
    public static int Distance(ushort earlier, ushort later) => (short)(ushort)(later - earlier);
}
