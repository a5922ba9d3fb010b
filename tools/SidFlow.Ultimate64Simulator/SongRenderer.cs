using Microsoft.Extensions.Logging;
using SidFlow.Emulation;
using SidFlow.Emulation.Sid;

namespace SidFlow.Ultimate64Simulator;

/// <summary>
/// Renders a <see cref="PlayingSong"/> packet by packet at any song frame, sample exact: it renders forward and
/// discards what lies before the frame asked for (starting over when asked for an earlier one), because running
/// without synthesis would leave the chips' state different. A song the emulator cannot play renders silence.
/// </summary>
internal sealed class SongRenderer(PlayingSong song, ILogger logger)
{
    private const int DiscardChunkFrames = 8_192;

    private SidEmulator? _emulator;
    private long _position;
    private short[]? _discard;
    private bool _failed;

    public PlayingSong Song => song;

    /// <summary>Fills <paramref name="stereo"/> (left, right interleaved) with the song from <paramref name="frame"/>.</summary>
    public void Render(long frame, Span<short> stereo)
    {
        if (_failed)
        {
            stereo.Clear();
            return;
        }

        try
        {
            if (_emulator is null || frame < _position)
            {
                _emulator = new SidEmulator(song.Sid, OptionsFor(song));
                _position = 0;
            }

            while (_position < frame)
            {
                _discard ??= new short[DiscardChunkFrames * 2];
                int frames = (int)Math.Min(DiscardChunkFrames, frame - _position);
                _emulator.Render(_discard.AsSpan(0, frames * 2));
                _position += frames;
            }

            _emulator.Render(stereo);
            _position += stereo.Length / 2;
        }
        catch (SidEmulationException ex)
        {
            _failed = true;
            stereo.Clear();
            logger.SongCannotPlay(song.Sid.Name, song.Subtune, ex);
        }
    }

    /// <summary>What the stream's audio is: the emulator as <see cref="SongRenderer"/> runs it, for a test to render the same.</summary>
    public static EmulatorOptions OptionsFor(PlayingSong song) => new()
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
