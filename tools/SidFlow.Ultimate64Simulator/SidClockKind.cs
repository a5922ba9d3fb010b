namespace SidFlow.Ultimate64Simulator;

/// <summary>The machine's video standard, which sets the CPU clock and with it the audio stream's sample rate.</summary>
public enum SidClockKind
{
    Pal,
    Ntsc,
}
