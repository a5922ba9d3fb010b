namespace SidFlow.EdgeAgent.Capture;

/// <summary>What one capture of the device's stream got: frames, packets placed, lost, late, repeated, reordered.</summary>
public sealed record CaptureStats(
    long Frames, long Packets, long Received, long Lost, long Late, long Duplicates, long Reordered, long NotAudio, ushort? FirstSequence, TimeSpan Elapsed)
{
    public double LossRatio => Packets == 0 ? 0 : (double)Lost / Packets;

    public static CaptureStats Of(PacketSequencer s, TimeSpan elapsed) =>
        new(s.FramesWritten, s.PacketsPlaced, s.Received, s.Lost, s.Late, s.Duplicates, s.Reordered, s.NotAudio, s.FirstSequence, elapsed);
}
