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
        using var receiver = new DatagramReceiver();
        await using Ultimate64Simulator simulator = await SimulatorTests.StartAsync(new SimulatorOptions { HandshakeDatagrams = handshakes });
        using HttpClient http = SimulatorTests.ClientFor(simulator);

        using HttpResponseMessage response = await http.PutAsync($"v1/streams/audio:start?ip=127.0.0.1:{receiver.Port}");
        IReadOnlyList<byte[]> datagrams = await receiver.WaitForPacketsAsync(10);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.All(datagrams.Take(handshakes), d => Assert.Equal(2, d.Length));
        Assert.All(datagrams.Skip(handshakes), d => Assert.Equal(770, d.Length));
        Assert.Equal(handshakes, simulator.Stream?.HandshakesSent);
    }

    [Fact]
    public async Task AudioStart_StartSequenceNearTheTop_ConsecutiveSequenceNumbersWrapAtSixteenBits()
    {
        using var receiver = new DatagramReceiver();
        await using Ultimate64Simulator simulator = await SimulatorTests.StartAsync(new SimulatorOptions { StartSequence = 65530 });
        using HttpClient http = SimulatorTests.ClientFor(simulator);

        (await http.PutAsync($"v1/streams/audio:start?ip=127.0.0.1:{receiver.Port}")).EnsureSuccessStatusCode();
        await receiver.WaitForPacketsAsync(12);

        int[] sequences = receiver.Packets.Take(12).Select(SimulatorTests.SequenceOf).ToArray();
        Assert.Equal([65530, 65531, 65532, 65533, 65534, 65535, 0, 1, 2, 3, 4, 5], sequences);
        Assert.Equal(65530, simulator.Stream?.FirstSequence);
    }

    [Fact]
    public async Task AudioStart_SameSeed_SameFirstSequence()
    {
        int?[] first = new int?[2];
        for (int run = 0; run < 2; run++)
        {
            await using Ultimate64Simulator simulator = await SimulatorTests.StartAsync(new SimulatorOptions { Seed = 42, HandshakeDatagrams = 0 });
            using HttpClient http = SimulatorTests.ClientFor(simulator);
            (await http.PutAsync("v1/streams/audio:start?ip=127.0.0.1:9")).EnsureSuccessStatusCode();
            first[run] = simulator.Stream?.FirstSequence;
        }

        Assert.NotNull(first[0]);
        Assert.Equal(first[0], first[1]);
    }

    [Fact]
    public async Task AudioStart_SongPlaying_PacketsCarryTheEmulatorsRenderingFromTheSongsFrame()
    {
        byte[] file = File.ReadAllBytes(RepositoryPaths.SampleFile(SimulatorTests.SampleSong));
        using var receiver = new DatagramReceiver();
        await using Ultimate64Simulator simulator = await SimulatorTests.StartAsync();
        using HttpClient http = SimulatorTests.ClientFor(simulator);

        (await http.SidPlayAsync(file)).EnsureSuccessStatusCode();
        (await http.PutAsync($"v1/streams/audio:start?ip=127.0.0.1:{receiver.Port}")).EnsureSuccessStatusCode();
        await receiver.WaitForPacketsAsync(250);
        (await http.PutAsync("v1/streams/audio:stop")).EnsureSuccessStatusCode();

        StreamState state = simulator.Stream!;
        IReadOnlyList<byte[]> packets = receiver.Packets;
        Assert.Equal(state.FirstSequence, SimulatorTests.SequenceOf(packets[0]));
        Assert.Equal(state.FirstSequence, state.SongFirstSequence);
        Assert.Equal(0, state.SongFirstFrame % Frames);
        Assert.Equal(47_983, state.SampleRate);
        AssertCarriesTheSong(SidFile.Parse(file), simulator.Song!, state, packets.Take(250).ToArray());
    }

    [Fact]
    public async Task SidPlay_WhileStreaming_SilenceUntilTheSongThenItsRendering()
    {
        byte[] file = File.ReadAllBytes(RepositoryPaths.SampleFile(SimulatorTests.SampleSong));
        using var receiver = new DatagramReceiver();
        await using Ultimate64Simulator simulator = await SimulatorTests.StartAsync(new SimulatorOptions { Clock = SidClockKind.Ntsc });
        using HttpClient http = SimulatorTests.ClientFor(simulator);

        (await http.PutAsync($"v1/streams/audio:start?ip=127.0.0.1:{receiver.Port}")).EnsureSuccessStatusCode();
        await receiver.WaitForPacketsAsync(20);
        (await http.SidPlayAsync(file)).EnsureSuccessStatusCode();
        StreamState anchored = await Eventually.HoldsAsync(() => Task.FromResult(simulator.Stream!), s => s.SongFirstSequence is not null, SimulatorTests.Bound, "the stream picking up the song");
        int songStart = anchored.SongFirstSequence!.Value;
        await receiver.WaitForAsync(d => d.Any(p => p.Length == 770 && AudioTiming.SerialDistance(SimulatorTests.SequenceOf(p), songStart) is >= 200 and < 1000), "200 packets of the song");
        (await http.PutAsync("v1/streams/audio:stop")).EnsureSuccessStatusCode();

        StreamState state = simulator.Stream!;
        int beforeSong = AudioTiming.SerialDistance(songStart, state.FirstSequence);
        IReadOnlyList<byte[]> packets = receiver.Packets;
        Assert.True(beforeSong >= 20);
        Assert.All(packets.Take(beforeSong), p => Assert.All(SimulatorTests.SamplesOf(p), s => Assert.Equal(0, s)));
        Assert.Equal(47_940, state.SampleRate);
        AssertCarriesTheSong(SidFile.Parse(file), simulator.Song!, state, packets.Skip(beforeSong).Take(200).ToArray());
    }

    [Fact]
    public async Task MachineReset_WhileStreaming_PacketsFromThenOnAreSilent()
    {
        byte[] file = File.ReadAllBytes(RepositoryPaths.SampleFile(SimulatorTests.SampleSong));
        using var receiver = new DatagramReceiver();
        await using Ultimate64Simulator simulator = await SimulatorTests.StartAsync();
        using HttpClient http = SimulatorTests.ClientFor(simulator);
        (await http.SidPlayAsync(file)).EnsureSuccessStatusCode();
        (await http.PutAsync($"v1/streams/audio:start?ip=127.0.0.1:{receiver.Port}")).EnsureSuccessStatusCode();
        await receiver.WaitForPacketsAsync(100);

        (await http.PutAsync("v1/machine:reset")).EnsureSuccessStatusCode();
        StreamState silent = await Eventually.HoldsAsync(() => Task.FromResult(simulator.Stream!), s => s.SongFirstSequence is null, SimulatorTests.Bound, "the stream dropping the song");
        long silentFrom = silent.PacketsIssued;
        await receiver.WaitForPacketsAsync((int)silentFrom + 50);
        (await http.PutAsync("v1/streams/audio:stop")).EnsureSuccessStatusCode();

        IReadOnlyList<byte[]> packets = receiver.Packets;
        Assert.Contains(packets.Take(100), p => SimulatorTests.SamplesOf(p).Any(s => s != 0));
        Assert.All(packets.Skip((int)silentFrom), p => Assert.All(SimulatorTests.SamplesOf(p), s => Assert.Equal(0, s)));
    }

    [Fact]
    public async Task AudioStart_LossRatio_MissingSequenceNumbersAreTheDroppedCount()
    {
        using var receiver = new DatagramReceiver();
        await using Ultimate64Simulator simulator = await SimulatorTests.StartAsync(new SimulatorOptions { LossRatio = 0.2, Seed = 7 });
        using HttpClient http = SimulatorTests.ClientFor(simulator);

        (await http.PutAsync($"v1/streams/audio:start?ip=127.0.0.1:{receiver.Port}")).EnsureSuccessStatusCode();
        await receiver.WaitForPacketsAsync(200);
        StreamState state = await StopAndReceiveAllAsync(http, simulator, receiver);

        int[] indices = receiver.Packets.Select(p => AudioTiming.SerialDistance(SimulatorTests.SequenceOf(p), state.FirstSequence)).ToArray();
        int missing = (int)state.PacketsIssued - indices.Distinct().Count();
        Assert.InRange(state.PacketsDropped, 1, state.PacketsIssued - 1);
        Assert.Equal(state.PacketsDropped, missing);
        Assert.All(indices, i => Assert.InRange(i, 0, state.PacketsIssued - 1));
        Assert.Equal(0, state.PacketsDuplicated);
        Assert.Equal(0, state.PacketsReordered);
    }

    [Fact]
    public async Task AudioStart_ReorderAndDuplicates_ReceiverSeesTheCountsTheStreamReports()
    {
        using var receiver = new DatagramReceiver();
        await using Ultimate64Simulator simulator = await SimulatorTests.StartAsync(new SimulatorOptions { ReorderDistance = 3, ReorderRatio = 0.2, DuplicateRatio = 0.1, Seed = 11 });
        using HttpClient http = SimulatorTests.ClientFor(simulator);

        (await http.PutAsync($"v1/streams/audio:start?ip=127.0.0.1:{receiver.Port}")).EnsureSuccessStatusCode();
        await receiver.WaitForPacketsAsync(200);
        StreamState state = await StopAndReceiveAllAsync(http, simulator, receiver);

        var seen = new HashSet<int>();
        int duplicates = 0, late = 0, highest = -1, furthestBack = 0;
        foreach (byte[] packet in receiver.Packets)
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
        Assert.InRange(furthestBack, 1, 3 * 2);
    }

    [Fact]
    public async Task AudioStart_SecondStart_ReplacesTheFirstStream()
    {
        using var first = new DatagramReceiver();
        using var second = new DatagramReceiver();
        await using Ultimate64Simulator simulator = await SimulatorTests.StartAsync();
        using HttpClient http = SimulatorTests.ClientFor(simulator);

        (await http.PutAsync($"v1/streams/audio:start?ip=127.0.0.1:{first.Port}")).EnsureSuccessStatusCode();
        await first.WaitForPacketsAsync(5);
        (await http.PutAsync($"v1/streams/audio:start?ip=localhost:{second.Port}")).EnsureSuccessStatusCode();
        int firstCount = first.Datagrams.Count;
        await second.WaitForPacketsAsync(20);

        Assert.Equal(firstCount, first.Datagrams.Count);
        Assert.Equal(second.Port, simulator.Stream?.Target.Port);
        Assert.True(simulator.Stream?.Running);
    }

    /// <summary>Stops the stream and waits until every datagram it sent has arrived (loopback loses none).</summary>
    private static async Task<StreamState> StopAndReceiveAllAsync(HttpClient http, Ultimate64Simulator simulator, DatagramReceiver receiver)
    {
        (await http.PutAsync("v1/streams/audio:stop")).EnsureSuccessStatusCode();
        StreamState state = simulator.Stream!;
        Assert.False(state.Running);
        await receiver.WaitForAsync(d => d.Count(x => x.Length == 770) == state.PacketsSent, $"all {state.PacketsSent} packets sent");
        return state;
    }

    /// <summary>Each packet holds, sample for sample, what the emulator renders of the song from the frame the stream says it carries.</summary>
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
        emulator.Render(new short[firstFrame * 2]);
        short[] expected = new short[packets.Length * Frames * 2];
        emulator.Render(expected);

        Assert.Contains(expected, s => s != 0);
        for (int i = 0; i < packets.Length; i++)
        {
            Assert.Equal(firstFrame + ((long)i * Frames), state.SongFrameOf(SimulatorTests.SequenceOf(packets[i])));
            Assert.Equal(expected.AsSpan(i * Frames * 2, Frames * 2).ToArray(), SimulatorTests.SamplesOf(packets[i]));
        }
    }
}
