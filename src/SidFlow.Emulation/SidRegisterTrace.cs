namespace SidFlow.Emulation;

/// <summary>One SID register write: when (CPU cycle), which chip (0-2), which register (0-31), what value.</summary>
public readonly record struct SidWrite(long Cycle, byte Chip, byte Register, byte Value);

/// <summary>
/// The SID register writes of a run, in order, from <see cref="StartCycle"/>, up to <see cref="Capacity"/>
/// writes (then <see cref="Truncated"/>). Frames are counted in the machine's frame length.
/// </summary>
public sealed class SidRegisterTrace(VideoTiming timing, int capacity = 4_000_000)
{
    private SidWrite[] _writes = new SidWrite[Math.Min(capacity, 4096)];

    public VideoTiming Timing { get; } = timing;

    public int Capacity { get; } = capacity;

    /// <summary>Where the trace begins (0, or where <see cref="Clear"/> restarted it).</summary>
    public long StartCycle { get; private set; }

    public int Count { get; private set; }

    public bool Truncated { get; private set; }

    public ReadOnlySpan<SidWrite> Writes => _writes.AsSpan(0, Count);

    /// <summary>The frame of a write, counted from <see cref="StartCycle"/>.</summary>
    public long FrameOf(SidWrite write) => (write.Cycle - StartCycle) / Timing.CyclesPerFrame;

    public void Add(long cycle, int chip, int register, byte value)
    {
        if (Count == _writes.Length)
        {
            if (Count >= Capacity)
            {
                Truncated = true;
                return;
            }

            Array.Resize(ref _writes, (int)Math.Min((long)_writes.Length * 2, Capacity));
        }

        _writes[Count++] = new SidWrite(cycle, (byte)chip, (byte)register, value);
    }

    /// <summary>Forgets the writes so far and starts again at <paramref name="cycle"/> (after an intro that should not count).</summary>
    public void Clear(long cycle)
    {
        Count = 0;
        Truncated = false;
        StartCycle = cycle;
    }
}
