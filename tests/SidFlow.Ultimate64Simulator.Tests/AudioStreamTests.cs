using System.Net;
using SidFlow.Emulation;
using SidFlow.Emulation.Sid;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Ultimate64Simulator.Tests;

/// <summary>The UDP audio stream: the datagrams as the device sends them, and audio that is the emulator's, frame for frame.</summary>
public sealed class AudioStreamTests
{
    private const int Frames = AudioTiming.FramesPerPacket;

    [Theory]
    [InlineData(3)]
    [InlineData(1)]
    public async Task AudioStart_Receiver_HandshakeDatagramsThenAudioPackets(int handshakes)
    {
        await using StreamingSession session = await StreamingSession.StartAsync(new SimulatorOptions { HandshakeDatagrams = handshakes });

        await session.StartStreamAsync();
        IReadOnlyList<byte[]> datagrams = await session.Receiver.WaitForPacketsAsync(10);

        Assert.All(datagrams.Take(handshakes), d => Assert.Equal(2, d.Length));
        Assert.All(datagrams.Skip(handshakes), d => Assert.Equal(770, d.Length));
        Assert.Equal(handshakes, session.Stream.HandshakesSent);
    }

    [Fact]
    public async Task AudioStart_StartSequenceNearTheTop_ConsecutiveSequenceNumbersWrapAtSixteenBits()
    {
        await using StreamingSession session = await StreamingSession.StartAsync(new SimulatorOptions { StartSequence = 65530 });

        await session.StartStreamAsync();
        await session.Receiver.WaitForPacketsAsync(12);

        int[] sequences = session.Receiver.Packets.Take(12).Select(SimulatorTests.SequenceOf).ToArray();
        Assert.Equal([65530, 65531, 65532, 65533, 65534, 65535, 0, 1, 2, 3, 4, 5], sequences);
        Assert.Equal(65530, session.Stream.FirstSequence);
    }

    [Fact]
    public async Task AudioStart_SameSeed_SameFirstSequence()
    {
        int[] first = new int[2];
        for (int run = 0; run < 2; run++)
        {
            await using StreamingSession session = await StreamingSession.StartAsync(new SimulatorOptions { Seed = 42 });
            await session.StartStreamAsync();
            first[run] = session.Stream.FirstSequence;
        }

        Assert.Equal(first[0], first[1]);
    }

    [Fact]
    public async Task AudioStart_SongPlaying_PacketsCarryTheEmulatorsRenderingFromTheSongsFrame()
    {
        byte[] file = SimulatorTests.SampleSongFile();
        await using StreamingSession session = await StreamingSession.StartAsync();

        await session.PlayAsync(file);
        await session.StartStreamAsync();
        await session.Receiver.WaitForPacketsAsync(250);
        await session.StopStreamAsync();

        StreamState state = session.Stream;
        IReadOnlyList<byte[]> packets = session.Receiver.Packets;
        Assert.Equal(state.FirstSequence, SimulatorTests.SequenceOf(packets[0]));
        Assert.Equal(state.FirstSequence, state.SongFirstSequence);
        Assert.Equal(0, state.SongFirstFrame % Frames);
        Assert.Equal(47_983, state.SampleRate);
        AssertCarriesTheSong(SidFile.Parse(file), session.Simulator.Song!, state, packets.Take(250).ToArray());
    }

    [Fact]
    public async Task AudioStart_AgainLater_SongHasPlayedOnInVirtualRealTime()
    {
        byte[] file = SimulatorTests.SampleSongFile();
        await using StreamingSession session = await StreamingSession.StartAsync();
        await session.PlayAsync(file);
        await session.StartStreamAsync();
        await session.Receiver.WaitForPacketsAsync(250);
        StreamState first = session.Stream;

        await session.StartStreamAsync();
        await session.Receiver.WaitForAsync(d => AfterHandshakes(d, 2).Length >= 100, "100 packets of the second stream");
        await session.StopStreamAsync();

        StreamState second = session.Stream;
        byte[][] secondPackets = AfterHandshakes(session.Receiver.Datagrams, 2);
        Assert.Equal(second.FirstSequence, SimulatorTests.SequenceOf(secondPackets[0]));
        Assert.True(second.SongFirstFrame >= first.SongFirstFrame + (250 * Frames), $"second stream from frame {second.SongFirstFrame}, first from {first.SongFirstFrame} for {first.PacketsIssued} packets");
        AssertCarriesTheSong(SidFile.Parse(file), session.Simulator.Song!, second, secondPackets.Take(100).ToArray());
    }

    [Fact]
    public async Task SidPlay_WhileStreaming_SilenceUntilTheSongThenItsRendering()
    {
        byte[] file = SimulatorTests.SampleSongFile();
        await using StreamingSession session = await StreamingSession.StartAsync(new SimulatorOptions { Clock = SidClockKind.Ntsc });

        await session.StartStreamAsync();
        await session.Receiver.WaitForPacketsAsync(20);
        await session.PlayAsync(file);
        StreamState anchored = await Eventually.HoldsAsync(() => Task.FromResult(session.Stream), s => s.SongFirstSequence is not null, SimulatorTests.Bound, "the stream picking up the song");
        int songStart = anchored.SongFirstSequence!.Value;
        int beforeSong = AudioTiming.SerialDistance(songStart, anchored.FirstSequence);
        await session.Receiver.WaitForPacketsAsync(beforeSong + 200);
        await session.StopStreamAsync();

        IReadOnlyList<byte[]> packets = session.Receiver.Packets;
        Assert.True(beforeSong >= 20, $"the song started at packet {beforeSong}");
        Assert.All(packets.Take(beforeSong), p => Assert.All(SimulatorTests.SamplesOf(p), s => Assert.Equal(0, s)));
        Assert.Equal(47_940, anchored.SampleRate);
        AssertCarriesTheSong(SidFile.Parse(file), session.Simulator.Song!, session.Stream, packets.Skip(beforeSong).Take(200).ToArray());
    }

    [Fact]
    public async Task MachineReset_WhileStreaming_PacketsFromThenOnAreSilent()
    {
        await using StreamingSession session = await StreamingSession.StartAsync();
        await session.PlayAsync(SimulatorTests.SampleSongFile());
        await session.StartStreamAsync();
        await session.Receiver.WaitForPacketsAsync(100);

        (await session.Http.PutAsync("v1/machine:reset")).EnsureSuccessStatusCode();
        StreamState silent = await Eventually.HoldsAsync(() => Task.FromResult(session.Stream), s => s.SongFirstSequence is null, SimulatorTests.Bound, "the stream dropping the song");
        long silentFrom = silent.PacketsIssued;
        await session.Receiver.WaitForPacketsAsync((int)silentFrom + 50);
        await session.StopStreamAsync();

        IReadOnlyList<byte[]> packets = session.Receiver.Packets;
        Assert.Contains(packets.Take(100), p => SimulatorTests.SamplesOf(p).Any(s => s != 0));
        Assert.All(packets.Skip((int)silentFrom), p => Assert.All(SimulatorTests.SamplesOf(p), s => Assert.Equal(0, s)));
    }

    [Fact]
    public async Task AudioStart_LossRatio_MissingSequenceNumbersAreTheDroppedCount()
    {
        await using StreamingSession session = await StreamingSession.StartAsync(new SimulatorOptions { LossRatio = 0.2, Seed = 7 });

        await session.StartStreamAsync();
        await session.Receiver.WaitForPacketsAsync(200);
        StreamState state = await StopAndReceiveAllAsync(session);

        int[] indices = session.Receiver.Packets.Select(p => AudioTiming.SerialDistance(SimulatorTests.SequenceOf(p), state.FirstSequence)).ToArray();
        Assert.InRange(state.PacketsDropped, 1, state.PacketsIssued - 1);
        Assert.Equal(state.PacketsDropped, state.PacketsIssued - indices.Distinct().Count());
        Assert.All(indices, i => Assert.InRange(i, 0, state.PacketsIssued - 1));
        Assert.Equal(0, state.PacketsDuplicated);
        Assert.Equal(0, state.PacketsReordered);
    }

    [Fact]
    public async Task AudioStart_ReorderAndDuplicates_ReceiverSeesTheCountsTheStreamReports()
    {
        await using StreamingSession session = await StreamingSession.StartAsync(new SimulatorOptions { ReorderDistance = 3, ReorderRatio = 0.2, DuplicateRatio = 0.1, Seed = 11 });

        await session.StartStreamAsync();
        await session.Receiver.WaitForPacketsAsync(200);
        StreamState state = await StopAndReceiveAllAsync(session);

        var seen = new HashSet<int>();
        int duplicates = 0, late = 0, highest = -1, furthestBack = 0;
        foreach (byte[] packet in session.Receiver.Packets)
        {
            int index = AudioTiming.SerialDistance(SimulatorTests.SequenceOf(packet), state.FirstSequence);
            if (!seen.Add(index))
            {
                duplicates++;
                continue;
            }

            if (index < highest)
            {
                late++;
                furthestBack = Math.Max(furthestBack, highest - index);
            }

            highest = Math.Max(highest, index);
        }

        Assert.True(state.PacketsDuplicated > 0 && state.PacketsReordered > 0, $"duplicated {state.PacketsDuplicated}, reordered {state.PacketsReordered}");
        Assert.Equal(state.PacketsDuplicated, duplicates);
        Assert.Equal(state.PacketsReordered, late);
        Assert.Equal(state.PacketsIssued, seen.Count);
        // A held packet goes out right after the packet that many places on: never further back than the distance.
        Assert.InRange(furthestBack, 1, 3);
    }

    [Fact]
    public async Task Unresponsive_WhileStreaming_NoMoreDatagramsGoOut()
    {
        await using StreamingSession session = await StreamingSession.StartAsync();
        await session.StartStreamAsync();
        await session.Receiver.WaitForPacketsAsync(20);

        session.Simulator.Options.Unresponsive = true;
        long issuedAtToggle = session.Stream.PacketsIssued;
        // The packet being decided as the knob turned may still go out; the ones after it may not.
        StreamState settled = await Eventually.HoldsAsync(() => Task.FromResult(session.Stream), s => s.PacketsIssued > issuedAtToggle + 1, SimulatorTests.Bound, "a packet issued unresponsive");
        await Eventually.HoldsAsync(() => Task.FromResult(session.Stream), s => s.PacketsIssued >= settled.PacketsIssued + 50, SimulatorTests.Bound, "50 more packets issued");
        StreamState quiet = session.Stream;
        session.Simulator.Options.Unresponsive = false;
        await session.StopStreamAsync();

        Assert.Equal(settled.PacketsSent, quiet.PacketsSent);
        Assert.True(quiet.PacketsDropped >= 50, $"{quiet.PacketsDropped} packets kept back");
    }

    [Fact]
    public async Task AudioStart_SecondReceiver_ReplacesTheFirstStream()
    {
        using var second = new DatagramReceiver();
        await using StreamingSession session = await StreamingSession.StartAsync();

        await session.StartStreamAsync();
        await session.Receiver.WaitForPacketsAsync(5);
        (await session.Http.PutAsync($"v1/streams/audio:start?ip=localhost:{second.Port}")).EnsureSuccessStatusCode();
        int firstCount = session.Receiver.Datagrams.Count;
        await second.WaitForPacketsAsync(20);

        Assert.Equal(firstCount, session.Receiver.Datagrams.Count);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, second.Port), session.Stream.Target);
        Assert.True(session.Stream.Running);
    }

    /// <summary>The audio packets after the handshake datagrams of the <paramref name="stream"/>th stream (1-based).</summary>
    private static byte[][] AfterHandshakes(IReadOnlyList<byte[]> datagrams, int stream)
    {
        int handshakes = 0, i = 0;
        for (; i < datagrams.Count && handshakes < stream * 3; i++)
        {
            handshakes += datagrams[i].Length == AudioTiming.HandshakeBytes ? 1 : 0;
        }

        return datagrams.Skip(i).Where(d => d.Length == AudioTiming.PacketBytes).ToArray();
    }

    /// <summary>Stops the stream and waits until every datagram it sent has arrived (loopback loses none).</summary>
    private static async Task<StreamState> StopAndReceiveAllAsync(StreamingSession session)
    {
        await session.StopStreamAsync();
        StreamState state = session.Stream;
        Assert.False(state.Running);
        await session.Receiver.WaitForAsync(d => d.Count(x => x.Length == 770) == state.PacketsSent, $"all {state.PacketsSent} packets sent");
        return state;
    }

    /// <summary>
    /// Each packet holds, sample for sample, what the emulator renders of the song from the frame the stream says
    /// it carries. The reference renders in 192-frame calls from frame 0, as the simulator does: the emulator's last
    /// bit depends on where its render calls end.
    /// </summary>
    private static void AssertCarriesTheSong(SidFile sid, PlayingSong song, StreamState state, byte[][] packets)
    {
        long firstFrame = state.SongFrameOf(SimulatorTests.SequenceOf(packets[0]))!.Value;
        var emulator = new SidEmulator(sid, new EmulatorOptions
        {
            Subtune = song.Subtune,
            Model = SidModel.Mos6581,
            Clock = song.Clock == SidClockKind.Ntsc ? SidClock.Ntsc : SidClock.Pal,
            SampleRate = state.SampleRate,
            Channels = 2,
        });
        short[] block = new short[Frames * 2];
        for (long frame = 0; frame < firstFrame; frame += Frames)
        {
            emulator.Render(block);
        }

        bool sound = false;
        for (int i = 0; i < packets.Length; i++)
        {
            emulator.Render(block);
            sound |= block.Any(s => s != 0);
            Assert.Equal(firstFrame + ((long)i * Frames), state.SongFrameOf(SimulatorTests.SequenceOf(packets[i])));
            Assert.Equal(block, SimulatorTests.SamplesOf(packets[i]));
        }

        Assert.True(sound, "the song is silent in the frames compared");
    }
}
