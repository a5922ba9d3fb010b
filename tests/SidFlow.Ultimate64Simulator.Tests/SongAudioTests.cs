using SidFlow.Emulation;
using SidFlow.Emulation.Sid;
using Xunit;

namespace SidFlow.Ultimate64Simulator.Tests;

public sealed class SongAudioTests
{
    [Fact]
    public void Render_LaterFrames_EqualTheSameFramesOfARenderFromTheStart()
    {
        SidFile sid = SidFile.Parse(SimulatorTests.SampleSongFile());
        var song = new PlayingSong(sid, sid.StartSong, SidModel.Mos8580, SidClockKind.Pal, StartedAt: 0);
        int frames = AudioTiming.FramesPerPacket * 300;

        short[] whole = SongAudio.Render(song, 0, frames);
        short[] tail = SongAudio.Render(song, AudioTiming.FramesPerPacket * 200, AudioTiming.FramesPerPacket * 100);

        Assert.Equal(whole.AsSpan(AudioTiming.FramesPerPacket * 200 * 2).ToArray(), tail);
        Assert.Contains(tail, s => s != 0);
    }

    [Fact]
    public void OptionsFor_NtscSong_StereoAtTheIntegerNtscRateWithTheSongsModel()
    {
        SidFile sid = SidFile.Parse(SimulatorTests.SampleSongFile());
        EmulatorOptions options = SongAudio.OptionsFor(new PlayingSong(sid, 1, SidModel.Mos8580, SidClockKind.Ntsc, StartedAt: 0));

        Assert.Equal((47_940, 2, SidModel.Mos8580, SidClock.Ntsc), (options.SampleRate, options.Channels, options.Model, options.Clock));
    }
}
