using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace SidFlow.Ultimate64Simulator;

/// <summary>
/// One UDP audio stream as the device sends it: a few 2-byte datagrams, then 770-byte packets paced at the
/// machine's true packet rate. Packet <c>n</c> is due <c>n / rate</c> after the start on a Stopwatch, so the
/// pace never drifts with the wall clock and a stall (a busy machine, a long catch-up render) is caught up
/// with a burst, as the sequence numbers and the song's frames stand for time. Loss, duplicates and late
/// packets are drawn per packet from a seeded generator.
/// </summary>
internal sealed class AudioStream
{
    private readonly IPEndPoint _target;
    private readonly SimulatorOptions _options;
    private readonly SidClockKind _clock;
    private readonly int _firstSequence;
    private readonly Random _random;
    private readonly Func<PlayingSong?> _currentSong;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<HeldPacket> _held = [];
    private Socket? _socket;
    private Task? _run;
    private SongRenderer? _renderer;

    // Guarded by _gate: what Snapshot reports.
    private bool _running = true;
    private long _handshakes;
    private long _issued;
    private long _sent;
    private long _dropped;
    private long _duplicated;
    private long _reordered;
    private long _highestSentIndex = -1;
    private PlayingSong? _song;
    private int? _songFirstSequence;
    private long? _songFirstFrame;
    private long _songFirstIndex;

    public AudioStream(IPEndPoint target, SimulatorOptions options, int firstSequence, int seed, Func<PlayingSong?> currentSong, ILogger logger)
    {
        _target = target;
        _options = options;
        _clock = options.Clock;
        _firstSequence = firstSequence & 0xFFFF;
        _random = new Random(seed);
        _currentSong = currentSong;
        _logger = logger;
    }

    public IPEndPoint Target => _target;

    public void Start()
    {
        _socket = new Socket(_target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(_target.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Loopback, 0));
        _logger.StreamStarted(_target.ToString(), _firstSequence);
        _run = Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Stops sending (packets still held back go out first) and waits until the sender is done.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await _run;
        }
    }

    public StreamState Snapshot()
    {
        lock (_gate)
        {
            return new StreamState
            {
                Target = _target,
                Clock = _clock,
                SampleRate = AudioTiming.SampleRate(_clock),
                Running = _running,
                FirstSequence = _firstSequence,
                SongFirstSequence = _songFirstSequence,
                SongFirstFrame = _songFirstFrame,
                Song = _song,
                HandshakesSent = _handshakes,
                PacketsIssued = _issued,
                PacketsSent = _sent,
                PacketsDropped = _dropped,
                PacketsDuplicated = _duplicated,
                PacketsReordered = _reordered,
            };
        }
    }

    private void Run()
    {
        try
        {
            long start = Stopwatch.GetTimestamp();
            SendHandshakes();
            double ticksPerPacket = Stopwatch.Frequency / AudioTiming.PacketRate(_clock);
            for (long index = 0; ; index++)
            {
                long due = start + (long)Math.Round(index * ticksPerPacket);
                if (!WaitUntil(due))
                {
                    break;
                }

                Issue(index, due);
            }

            foreach (HeldPacket late in _held.OrderBy(p => p.Index))
            {
                Send(late);
            }

            _held.Clear();
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            _logger.StreamFailed(_target.ToString(), ex);
        }
        finally
        {
            _socket?.Dispose();
            lock (_gate)
            {
                _running = false;
            }

            StreamState last = Snapshot();
            _logger.StreamStopped(_target.ToString(), last.PacketsSent, last.PacketsDropped, last.PacketsDuplicated, last.PacketsReordered);
        }
    }

    /// <summary>False when the stream was stopped first.</summary>
    private bool WaitUntil(long due)
    {
        while (!_stop.IsCancellationRequested)
        {
            long remaining = due - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return true;
            }

            int milliseconds = (int)Math.Ceiling(remaining * 1000.0 / Stopwatch.Frequency);
            _stop.Token.WaitHandle.WaitOne(Math.Max(1, milliseconds));
        }

        return false;
    }

    private void SendHandshakes()
    {
        byte[] handshake = new byte[AudioTiming.HandshakeBytes];
        for (int i = 0; i < _options.HandshakeDatagrams && !_options.Unresponsive; i++)
        {
            SendDatagram(handshake);
            lock (_gate)
            {
                _handshakes++;
            }
        }
    }

    private void Issue(long index, long due)
    {
        int sequence = (_firstSequence + (int)(index & 0xFFFF)) & 0xFFFF;
        byte[] packet = new byte[AudioTiming.PacketBytes];
        BinaryPrimitives.WriteUInt16LittleEndian(packet, (ushort)sequence);
        long? frame = SongFrameFor(index, sequence, due);
        if (frame is long songFrame && _renderer is not null)
        {
            // The samples go straight into the packet in the machine's byte order, little-endian wherever SidFlow runs.
            _renderer.Render(songFrame, MemoryMarshal.Cast<byte, short>(packet.AsSpan(2)));
        }

        // Every draw is made for every packet, so a run with the same seed and knobs repeats exactly.
        double loss = _random.NextDouble();
        double duplicate = _random.NextDouble();
        double reorder = _random.NextDouble();
        int lateBy = _random.Next(1, Math.Max(1, _options.ReorderDistance) + 1);
        lock (_gate)
        {
            _issued++;
        }

        if (loss < _options.LossRatio || _options.Unresponsive)
        {
            lock (_gate)
            {
                _dropped++;
            }
        }
        else
        {
            var held = new HeldPacket(index, packet, duplicate < _options.DuplicateRatio) { Remaining = lateBy + 1 };
            if (_options.ReorderDistance > 0 && reorder < _options.ReorderRatio)
            {
                _held.Add(held);
            }
            else
            {
                Send(held);
            }
        }

        ReleaseHeld();
    }

    /// <summary>
    /// The song frame packet <paramref name="index"/> starts at. A song new to the stream (playing at the start,
    /// or started since) is anchored here: it has been playing since its sidplay call, so this packet carries the
    /// frame that many packets in, at the true rate.
    /// </summary>
    private long? SongFrameFor(long index, int sequence, long due)
    {
        PlayingSong? song = _currentSong();
        lock (_gate)
        {
            if (!ReferenceEquals(song, _song))
            {
                _song = song;
                _renderer = song is null ? null : new SongRenderer(song, _logger);
                _songFirstIndex = index;
                _songFirstSequence = song is null ? null : sequence;
                _songFirstFrame = song is null ? null : PacketsSince(song, due) * AudioTiming.FramesPerPacket;
            }

            return _songFirstFrame + ((index - _songFirstIndex) * AudioTiming.FramesPerPacket);
        }
    }

    private static long PacketsSince(PlayingSong song, long due)
    {
        double seconds = (due - song.StartedAt) / (double)Stopwatch.Frequency;
        return Math.Max(0, (long)Math.Floor(seconds * AudioTiming.PacketRate(song.Clock)));
    }

    private void ReleaseHeld()
    {
        for (int i = 0; i < _held.Count; i++)
        {
            if (--_held[i].Remaining == 0)
            {
                Send(_held[i]);
                _held.RemoveAt(i--);
            }
        }
    }

    private void Send(HeldPacket packet)
    {
        lock (_gate)
        {
            if (_options.Unresponsive)
            {
                // Held back before the simulator went quiet: it goes nowhere now.
                _dropped++;
                return;
            }

            if (packet.Index < _highestSentIndex)
            {
                _reordered++;
            }

            _highestSentIndex = Math.Max(_highestSentIndex, packet.Index);
        }

        int copies = packet.Duplicate ? 2 : 1;
        for (int i = 0; i < copies; i++)
        {
            SendDatagram(packet.Bytes);
            lock (_gate)
            {
                _sent++;
                _duplicated += i;
            }
        }
    }

    private void SendDatagram(byte[] datagram)
    {
        try
        {
            _socket!.SendTo(datagram, _target);
        }
        catch (SocketException)
        {
            // A receiver that is not there (yet) loses the datagram, as on the wire; the device keeps sending.
        }
    }

    /// <summary>A packet on its way out, possibly held back for <see cref="Remaining"/> more packets.</summary>
    private sealed class HeldPacket(long index, byte[] bytes, bool duplicate)
    {
        public long Index => index;

        public byte[] Bytes => bytes;

        public bool Duplicate => duplicate;

        public int Remaining { get; set; }
    }
}
