namespace SidFlow.EdgeAgent.Capture;

/// <summary>
/// Turns the device's datagrams into a gap-free PCM stream of exactly the frames wanted. It syncs on the first
/// sequence number received (the device starts anywhere), places each later packet by serial-number distance
/// (so a wrap at 65,536 changes nothing), holds packets that arrive early for up to <c>window</c> packets so a
/// late one can still take its place, and fills a packet that never came with silence of its exact length.
/// Packets that repeat one already placed are dropped; one that comes after its place was filled is counted late.
/// </summary>
public sealed class PacketSequencer
{
    private readonly long _framesWanted;
    private readonly long _packetsWanted;
    private readonly int _window;
    private readonly Stream _pcm;
    private readonly Dictionary<long, byte[]> _held = [];
    private readonly HashSet<long> _filled = [];
    private readonly byte[] _silence = new byte[AudioPacket.PayloadBytes];
    private bool _synced;
    private ushort _highestSequence;
    private long _highest;
    private long _next;

    public PacketSequencer(long framesWanted, int window, Stream pcm)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(framesWanted);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(window);
        _framesWanted = framesWanted;
        _packetsWanted = (framesWanted + AudioPacket.Frames - 1) / AudioPacket.Frames;
        _window = window;
        _pcm = pcm;
    }

    public bool Complete => _next >= _packetsWanted;

    /// <summary>The sequence number the capture synced on; null before the first audio packet.</summary>
    public ushort? FirstSequence { get; private set; }

    public long FramesWanted => _framesWanted;
    public long FramesWritten { get; private set; }
    public long PacketsPlaced => _next;
    public long Received { get; private set; }
    public long Lost { get; private set; }
    public long Duplicates { get; private set; }
    public long Reordered { get; private set; }
    public long Late { get; private set; }
    public long NotAudio { get; private set; }

    /// <summary>Lost packets over the packets the capture needed so far.</summary>
    public double LossRatio => _next == 0 ? 0 : (double)Lost / _next;

    public void Accept(ReadOnlySpan<byte> datagram)
    {
        if (!AudioPacket.IsAudio(datagram))
        {
            NotAudio++;
            return;
        }

        if (Complete)
        {
            return;
        }

        ushort sequence = AudioPacket.SequenceOf(datagram);
        if (!_synced)
        {
            _synced = true;
            FirstSequence = _highestSequence = sequence;
        }

        long index = _highest + AudioPacket.Distance(_highestSequence, sequence);
        bool outOfOrder = index < _highest;
        if (index > _highest)
        {
            _highest = index;
            _highestSequence = sequence;
        }

        if (index < _next)
        {
            // Before the sync point, or after its place was filled with silence: it came too late to count.
            if (index < 0 || _filled.Contains(index))
            {
                Late++;
            }
            else
            {
                Duplicates++;
            }
        }
        else if (index < _packetsWanted)
        {
            if (!_held.TryAdd(index, AudioPacket.PayloadOf(datagram).ToArray()))
            {
                Duplicates++;
            }
            else
            {
                Received++;
                Reordered += outOfOrder ? 1 : 0;
            }
        }

        Place(_highest - _window + 1);
    }

    /// <summary>The stream ended: what is held is placed, and gaps up to the last packet seen become silence.</summary>
    public void Flush() => Place(Math.Min(_highest + 1, _packetsWanted));

    /// <summary>Writes every packet before <paramref name="until"/> (held ones, silence for the rest), then any held run after it.</summary>
    private void Place(long until)
    {
        while (!Complete && (_next < until || _held.ContainsKey(_next)))
        {
            if (_held.Remove(_next, out byte[]? payload))
            {
                Write(payload);
            }
            else
            {
                Write(_silence);
                _filled.Add(_next);
                Lost++;
            }

            _next++;
        }

        // Only recent fills are worth matching to a late packet; older ones go in bulk now and then.
        if (_filled.Count > 4_096)
        {
            long keepFrom = _next - 1_024;
            _filled.RemoveWhere(i => i < keepFrom);
        }
    }

    private void Write(ReadOnlySpan<byte> payload)
    {
        int frames = (int)Math.Min(AudioPacket.Frames, _framesWanted - FramesWritten);
        _pcm.Write(payload[..(frames * AudioPacket.Channels * sizeof(short))]);
        FramesWritten += frames;
    }
}
