using SidFlow.Emulation.Sid;

namespace SidFlow.Core.Render;

/// <summary>
/// Render song <see cref="Subtune"/> of a SID for exactly <see cref="Duration"/>, starting
/// <see cref="Offset"/> into the song, as 16-bit PCM. Chip model and clock come from the header unless set here.
/// </summary>
public sealed record RenderRequest(string Label, byte[] SidBytes, SidFile Sid, int Subtune, TimeSpan Duration)
{
    public TimeSpan Offset { get; init; }
    public int SampleRate { get; init; } = 44_100;
    public int Channels { get; init; } = 2;
    public SidModel? Model { get; init; }
    public SidClock? Clock { get; init; }

    /// <summary>Ask for the SID register writes of the rendered window (engines that emulate in process provide them).</summary>
    public bool CaptureTrace { get; init; }

    public long Frames => (long)Math.Round(Duration.TotalSeconds * SampleRate);

    public void Validate()
    {
        if (Subtune < 1 || Subtune > Sid.Songs)
        {
            throw new RenderException($"{Label}: subtune {Subtune} does not exist (the file has {Sid.Songs})");
        }

        if (Duration <= TimeSpan.Zero || Duration > TimeSpan.FromHours(1))
        {
            throw new RenderException($"{Label}: duration must be more than 0 and at most 1 hour, not {Duration.TotalSeconds} s");
        }

        if (SampleRate is < 8_000 or > 192_000 || Channels is not (1 or 2) || Offset < TimeSpan.Zero)
        {
            throw new RenderException($"{Label}: {SampleRate} Hz, {Channels} channels, offset {Offset} is not a format the engines produce");
        }
    }
}

/// <summary>What a render produced: exactly the frames asked for.</summary>
public sealed record RenderResult(long Frames, int SampleRate, int Channels, string Engine, TimeSpan Elapsed)
{
    public TimeSpan Duration => TimeSpan.FromSeconds((double)Frames / SampleRate);

    /// <summary>The register writes of the window, when asked for and the engine can tell.</summary>
    public SidFlow.Emulation.SidRegisterTrace? Trace { get; init; }
}

/// <summary>A render failed (player crashed, too slow, output cut short); another attempt may succeed.</summary>
public sealed class RenderException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The player refused the tune outright (no audio at all, an error from the player): no retry can help.</summary>
public sealed class UnplayableSidException(string message, Exception? inner = null) : SidFlow.Core.Jobs.PermanentItemFailureException(message, inner);

/// <summary>This engine cannot run the tune (it lacks what the tune needs); another engine may.</summary>
public sealed class EngineCannotPlayException(string message, Exception? inner = null) : SidFlow.Core.Jobs.PermanentItemFailureException(message, inner);
