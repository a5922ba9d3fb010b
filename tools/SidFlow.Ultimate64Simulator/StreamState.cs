using System.Net;

namespace SidFlow.Ultimate64Simulator;

/// <summary>
/// A snapshot of the audio stream. Packet <c>s</c> carries the current song's frames from
/// <see cref="SongFrameOf"/>: <c>SongFirstFrame + SerialDistance(s, SongFirstSequence) * 192</c>.
/// </summary>
public sealed record StreamState
{
    public required IPEndPoint Target { get; init; }

    public required SidClockKind Clock { get; init; }

    /// <summary>The integer rate the audio was rendered at.</summary>
    public required int SampleRate { get; init; }

    /// <summary>False once stopped (audio:stop, a new audio:start, disposal).</summary>
    public required bool Running { get; init; }

    /// <summary>Sequence number of the stream's first audio packet.</summary>
    public required int FirstSequence { get; init; }

    /// <summary>The first packet that carries the current song (null while the stream carries silence).</summary>
    public int? SongFirstSequence { get; init; }

    /// <summary>The song frame that packet carries: packets elapsed since the sidplay call at the true rate, times 192.</summary>
    public long? SongFirstFrame { get; init; }

    public PlayingSong? Song { get; init; }

    public required long HandshakesSent { get; init; }

    /// <summary>Sequence numbers used up (sent or lost).</summary>
    public required long PacketsIssued { get; init; }

    /// <summary>770-byte datagrams sent, duplicates included.</summary>
    public required long PacketsSent { get; init; }

    /// <summary>Not sent: lost to <see cref="SimulatorOptions.LossRatio"/>, or kept back while unresponsive.</summary>
    public required long PacketsDropped { get; init; }

    /// <summary>Second copies sent.</summary>
    public required long PacketsDuplicated { get; init; }

    /// <summary>Packets sent after a packet with a later sequence number had been sent.</summary>
    public required long PacketsReordered { get; init; }

    /// <summary>The first song frame packet <paramref name="sequence"/> carries, or null when the stream carries no song.</summary>
    public long? SongFrameOf(int sequence) =>
        SongFirstSequence is int first && SongFirstFrame is long frame
            ? frame + ((long)AudioTiming.SerialDistance(sequence, first) * AudioTiming.FramesPerPacket)
            : null;
}
