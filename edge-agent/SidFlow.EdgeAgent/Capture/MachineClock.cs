namespace SidFlow.EdgeAgent.Capture;

/// <summary>
/// The Ultimate 64's audio rate follows the machine clock, not 48 kHz: PAL 47,982.887 Hz, NTSC 47,940.341 Hz.
/// Captures are counted in samples at <see cref="TrueRate"/>; a WAV header holds whole hertz, so files carry
/// <see cref="WavRate"/> (0.11 Hz off, 2.4 ppm) unless they are resampled.
/// </summary>
public sealed record MachineClock(string Name, double TrueRate)
{
    public static readonly MachineClock Pal = new("PAL", 47_982.887);
    public static readonly MachineClock Ntsc = new("NTSC", 47_940.341);

    public int WavRate => (int)Math.Round(TrueRate);

    public double PacketsPerSecond => TrueRate / AudioPacket.Frames;

    public static MachineClock Parse(string? name) =>
        string.Equals(name?.Trim(), "NTSC", StringComparison.OrdinalIgnoreCase) ? Ntsc
        : string.IsNullOrWhiteSpace(name) || string.Equals(name.Trim(), "PAL", StringComparison.OrdinalIgnoreCase) ? Pal
        : throw new ArgumentException($"render.ultimate64.clockSpeed must be PAL or NTSC, not '{name}'", nameof(name));

    /// <summary>Frames in <paramref name="seconds"/> of audio at the true rate.</summary>
    public long FramesIn(double seconds) => (long)Math.Round(seconds * TrueRate);
}
