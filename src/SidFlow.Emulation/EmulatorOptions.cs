using SidFlow.Emulation.Sid;

namespace SidFlow.Emulation;

/// <summary>How <see cref="SidEmulator"/> plays a song.</summary>
public sealed record EmulatorOptions
{
    /// <summary>1-based song number.</summary>
    public int Subtune { get; init; } = 1;

    /// <summary>Chip model for every SID; null takes each chip's model from the header (6581 when it does not say).</summary>
    public SidModel? Model { get; init; }

    /// <summary>PAL or NTSC; null takes the header's (PAL unless it says NTSC only).</summary>
    public SidClock? Clock { get; init; }

    /// <summary>Output rate of <see cref="SidEmulator.Render"/>.</summary>
    public int SampleRate { get; init; } = 44_100;

    /// <summary>1 (all chips mixed) or 2 (chip 1 left, chip 2 right, chip 3 in the middle).</summary>
    public int Channels { get; init; } = 1;

    /// <summary>Record every SID register write in <see cref="SidEmulator.Trace"/>.</summary>
    public bool RecordTrace { get; init; }

    /// <summary>Stop with <see cref="SidEmulationError.TimedOut"/> once a run has taken this long.</summary>
    public TimeSpan WallClockLimit { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The synthesis rate is the output rate times the smallest factor reaching this (band-limiting headroom).</summary>
    public int MinimumInternalRate { get; init; } = 40_000;
}
