using System.Buffers.Binary;
using SidFlow.EdgeAgent.Capture;
using Xunit;

namespace SidFlow.EdgeAgent.Tests.Capture;

public sealed class PacketSequencerTests
{
    private const int Window = 8;

    /// <summary>A packet whose every sample is its stream index + 1 (so silence, 0, is told apart).</summary>
    private static byte[] Packet(ushort sequence, int index)
    {
        byte[] p = new byte[AudioPacket.Bytes];
        BinaryPrimitives.WriteUInt16LittleEndian(p, sequence);
        for (int i = 0; i < AudioPacket.Frames * AudioPacket.Channels; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(p.AsSpan(2 + (2 * i)), (short)(index + 1));
        }

        return p;
    }

    /// <summary>The value each placed packet carried (0 = silence), read back from the PCM.</summary>
    private static int[] PacketValues(MemoryStream pcm)
    {
        byte[] bytes = pcm.ToArray();
        int perPacket = AudioPacket.PayloadBytes;
        return Enumerable.Range(0, (bytes.Length + perPacket - 1) / perPacket)
            .Select(i => (int)BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(i * perPacket)))
            .ToArray();
    }

    private static (PacketSequencer Sequencer, MemoryStream Pcm) Create(int packets, int extraFrames = 0)
    {
        var pcm = new MemoryStream();
        return (new PacketSequencer((packets * AudioPacket.Frames) + extraFrames, Window, pcm), pcm);
    }

    private static void Feed(PacketSequencer sequencer, ushort first, IEnumerable<int> order)
    {
        foreach (int index in order)
        {
            sequencer.Accept(Packet((ushort)(first + index), index));
        }
    }

    [Fact]
    public void Accept_InOrderStream_WritesEveryPacketInOrder()
    {
        (PacketSequencer sequencer, MemoryStream pcm) = Create(100);

        Feed(sequencer, 1_000, Enumerable.Range(0, 100));

        Assert.True(sequencer.Complete);
        Assert.Equal(Enumerable.Range(1, 100), PacketValues(pcm));
        Assert.Equal(0, sequencer.Lost);
        Assert.Equal((ushort)1_000, sequencer.FirstSequence);
    }

    [Fact]
    public void Accept_SequenceWrapsMidCapture_LosesNothing()
    {
        (PacketSequencer sequencer, MemoryStream pcm) = Create(60);

        Feed(sequencer, 65_510, Enumerable.Range(0, 60));

        Assert.True(sequencer.Complete);
        Assert.Equal(Enumerable.Range(1, 60), PacketValues(pcm));
        Assert.Equal(0, sequencer.Lost);
    }

    [Fact]
    public void Accept_ReorderedWithinWindow_RestoresOrderAndLosesNothing()
    {
        (PacketSequencer sequencer, MemoryStream pcm) = Create(40);
        int[] order = Enumerable.Range(0, 40).ToArray();
        // Swap neighbours and move one packet 5 places late, all within the window.
        (order[3], order[4]) = (order[4], order[3]);
        (order[10], order[15]) = (order[15], order[10]);

        Feed(sequencer, 65_530, order.Concat(Enumerable.Range(40, Window)));

        Assert.Equal(Enumerable.Range(1, 40), PacketValues(pcm));
        Assert.Equal(0, sequencer.Lost);
        // Packets that came after a later one: 3 (after 4), then 11..14 and 10 (after 15).
        Assert.Equal(6, sequencer.Reordered);
    }

    [Fact]
    public void Accept_DuplicatePackets_DropsRepeats()
    {
        (PacketSequencer sequencer, MemoryStream pcm) = Create(20);

        Feed(sequencer, 7, Enumerable.Range(0, 20).SelectMany(i => i % 3 == 0 ? new[] { i, i } : [i]));

        Assert.Equal(Enumerable.Range(1, 20), PacketValues(pcm));
        Assert.Equal(7, sequencer.Duplicates);
        Assert.Equal(0, sequencer.Lost);
    }

    [Fact]
    public void Accept_MissingPackets_FillsExactSilenceAndCountsLoss()
    {
        (PacketSequencer sequencer, MemoryStream pcm) = Create(100);
        HashSet<int> lost = [5, 6, 50, 99 - Window];

        Feed(sequencer, 0, Enumerable.Range(0, 100 + Window).Where(i => !lost.Contains(i)));

        int[] values = PacketValues(pcm);
        Assert.Equal(100, values.Length);
        Assert.Equal(100L * AudioPacket.PayloadBytes, pcm.Length);
        Assert.All(Enumerable.Range(0, 100), i => Assert.Equal(lost.Contains(i) ? 0 : i + 1, values[i]));
        Assert.Equal(4, sequencer.Lost);
        Assert.Equal(0.04, sequencer.LossRatio, 6);
    }

    [Fact]
    public void Accept_PacketAfterItsPlaceWasFilled_CountsLateAndKeepsSilence()
    {
        (PacketSequencer sequencer, MemoryStream pcm) = Create(30);

        Feed(sequencer, 100, Enumerable.Range(0, 20).Where(i => i != 2));
        sequencer.Accept(Packet(102, 2));
        Feed(sequencer, 100, Enumerable.Range(20, 10));

        Assert.Equal(0, PacketValues(pcm)[2]);
        Assert.Equal(1, sequencer.Late);
        Assert.Equal(1, sequencer.Lost);
    }

    [Fact]
    public void Accept_HandshakeDatagrams_AreIgnored()
    {
        (PacketSequencer sequencer, MemoryStream pcm) = Create(4);

        sequencer.Accept(new byte[2]);
        sequencer.Accept(new byte[2]);
        Feed(sequencer, 9, Enumerable.Range(0, 4));

        Assert.Equal(2, sequencer.NotAudio);
        Assert.Equal((ushort)9, sequencer.FirstSequence);
        Assert.Equal(Enumerable.Range(1, 4), PacketValues(pcm));
    }

    [Fact]
    public void Accept_LengthNotAWholePacket_WritesExactlyTheFramesWanted()
    {
        (PacketSequencer sequencer, MemoryStream pcm) = Create(3, extraFrames: 50);

        Feed(sequencer, 0, Enumerable.Range(0, 10));

        Assert.True(sequencer.Complete);
        Assert.Equal(((3 * AudioPacket.Frames) + 50) * AudioPacket.Channels * sizeof(short), pcm.Length);
        Assert.Equal((3 * AudioPacket.Frames) + 50, sequencer.FramesWritten);
    }

    [Fact]
    public void Flush_StreamEndedEarly_PlacesHeldPacketsAndStaysIncomplete()
    {
        (PacketSequencer sequencer, MemoryStream pcm) = Create(50);

        Feed(sequencer, 0, [0, 1, 3, 4]);
        sequencer.Flush();

        Assert.False(sequencer.Complete);
        Assert.Equal([1, 2, 0, 4, 5], PacketValues(pcm));
        Assert.Equal(1, sequencer.Lost);
    }

    [Theory]
    [InlineData((ushort)10, (ushort)11, 1)]
    [InlineData((ushort)65_535, (ushort)0, 1)]
    [InlineData((ushort)0, (ushort)65_535, -1)]
    [InlineData((ushort)65_500, (ushort)40, 76)]
    public void Distance_AcrossTheWrap_IsSerialNumberDistance(ushort earlier, ushort later, int expected) =>
        Assert.Equal(expected, AudioPacket.Distance(earlier, later));
}
