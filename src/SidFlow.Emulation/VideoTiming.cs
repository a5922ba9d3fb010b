using SidFlow.Emulation.Sid;

namespace SidFlow.Emulation;

/// <summary>The CPU clock and raster geometry of a PAL or NTSC C64.</summary>
public sealed record VideoTiming(string Name, double ClockHz, int CyclesPerLine, int Lines)
{
    public static readonly VideoTiming Pal = new("PAL", 985_248, 63, 312);
    public static readonly VideoTiming Ntsc = new("NTSC", 1_022_727, 65, 263);

    public int CyclesPerFrame => CyclesPerLine * Lines;

    public double FramesPerSecond => ClockHz / CyclesPerFrame;

    /// <summary>The KERNAL's 60 Hz CIA 1 timer A value for this machine.</summary>
    public int KernalTimerA => this == Ntsc ? 0x4295 : 0x4025;

    /// <summary>PAL unless the header asks for NTSC only (what sidplayfp does for "unknown" and "either").</summary>
    public static VideoTiming For(SidClock clock) => clock == SidClock.Ntsc ? Ntsc : Pal;
}
