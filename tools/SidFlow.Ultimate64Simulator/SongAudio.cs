using Microsoft.Extensions.Logging.Abstractions;
using SidFlow.Emulation;
using SidFlow.Emulation.Sid;

namespace SidFlow.Ultimate64Simulator;

/// <summary>
/// What the stream carries of a song, for tests that check received audio: the emulator's options, and the
/// stereo samples of any run of frames exactly as the simulator renders them (in 192-frame calls from frame 0).
/// </summary>
public static class SongAudio
{
    /// <summary>The emulator as the stream runs it: the song's subtune, model and clock, stereo, at the integer rate.</summary>
    public static EmulatorOptions OptionsFor(PlayingSong song)
    {
        ArgumentNullException.ThrowIfNull(song);
        return new EmulatorOptions
        {
            Subtune = song.Subtune,
            Model = song.Model,
            Clock = song.Clock == SidClockKind.Ntsc ? SidClock.Ntsc : SidClock.Pal,
            SampleRate = AudioTiming.SampleRate(song.Clock),
            Channels = 2,
            // A stream plays for as long as it is asked to; the emulator's budget is for bounded renders.
            WallClockLimit = TimeSpan.MaxValue,
        };
    }

    /// <summary>Frames <paramref name="firstFrame"/> onwards (left, right interleaved), as packets carrying them hold them.</summary>
    public static short[] Render(PlayingSong song, long firstFrame, int frames)
    {
        short[] stereo = new short[frames * 2];
        new SongRenderer(song, NullLogger.Instance).Render(firstFrame, stereo);
        return stereo;
    }
}
