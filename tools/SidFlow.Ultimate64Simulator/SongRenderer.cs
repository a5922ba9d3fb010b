using Microsoft.Extensions.Logging;
using SidFlow.Emulation;

namespace SidFlow.Ultimate64Simulator;

/// <summary>
/// Renders a <see cref="PlayingSong"/> packet by packet at any song frame, sample exact: it renders forward and
/// discards what lies before the frame asked for (starting over when asked for an earlier one), because running
/// without synthesis would leave the chips' state different. The emulator's output differs in the last bit with
/// where its render calls end, so the song is always rendered in calls of one packet (192 frames) from frame 0,
/// discarded frames included: that makes the stream's audio a function of the song frame alone, which a test
/// can reproduce (<see cref="SongAudio"/>). A song the emulator cannot play renders silence.
/// </summary>
internal sealed class SongRenderer(PlayingSong song, ILogger logger)
{
    private const int BlockSamples = AudioTiming.FramesPerPacket * 2;

    private readonly short[] _discard = new short[BlockSamples];
    private SidEmulator? _emulator;
    private long _position;
    private bool _failed;

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
                _emulator = new SidEmulator(song.Sid, SongAudio.OptionsFor(song));
                _position = 0;
            }

            while (_position < frame)
            {
                int frames = (int)Math.Min(AudioTiming.FramesPerPacket, frame - _position);
                _emulator.Render(_discard.AsSpan(0, frames * 2));
                _position += frames;
            }

            for (int start = 0; start < stereo.Length; start += BlockSamples)
            {
                Span<short> block = stereo[start..Math.Min(stereo.Length, start + BlockSamples)];
                _emulator.Render(block);
                _position += block.Length / 2;
            }
        }
        catch (SidEmulationException ex)
        {
            _failed = true;
            stereo.Clear();
            logger.SongCannotPlay(song.Sid.Name, song.Subtune, ex);
        }
    }
}
