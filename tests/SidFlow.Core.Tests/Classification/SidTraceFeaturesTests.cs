using SidFlow.Core.Classification;
using SidFlow.Emulation;
using SidFlow.Emulation.Sid;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Core.Tests.Classification;

/// <summary>SID-native features read from register traces of tunes whose behaviour is known.</summary>
public sealed class SidTraceFeaturesTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    [Fact]
    public void Of_OneHeldTriangleNote_SeesOneVoiceOnePitchNoFilterNoSamples()
    {
        SidFile sid = PsidBuilder.NoteTune(0x1CD6, attackDecay: 0x00, sustainRelease: 0xF0, control: 0x11, voiceBase: 0x00, flags: 0x14);

        IReadOnlyDictionary<string, double> f = SidTraceFeatures.Of(SidTraceFeatures.Record(sid, 1, TimeSpan.Zero, Window, TimeSpan.FromSeconds(10)), 1, Window);

        Assert.Equal(SidTraceFeatures.Names.Order(), f.Keys.Order());
        Assert.Equal((1.0, 0.0, 0.0), (f["waveTriangle"], f["wavePulse"], f["waveNoise"]));
        Assert.Equal((1.0, 1.0, 0.0), (f["polyphony"], f["distinctPitches"], f["pitchRange"]));
        Assert.Equal((0.0, 0.0), (f["filterUsage"], f["samplePlayback"]));
        Assert.Equal(0.5, f["noteRate"], 3); // the one gate-on in two seconds
        Assert.Equal(1.0, f["sustainMean"]);
    }

    [Fact]
    public void Of_PlayerWritingVolumeFortyTimesPerCall_IsSamplePlayback()
    {
        // play: LDX #40; loop: STX $D418; DEX; BNE loop; RTS — 2,000 volume writes a second at 50 Hz.
        byte[] code = [0x60, 0xA2, 0x28, 0x8E, 0x18, 0xD4, 0xCA, 0xD0, 0xFA, 0x60];
        SidFile sid = SidFile.Parse(new PsidBuilder { LoadAddress = 0, InitAddress = 0x1000, PlayAddress = 0x1001, Code = code }.Build());

        IReadOnlyDictionary<string, double> f = SidTraceFeatures.Of(SidTraceFeatures.Record(sid, 1, TimeSpan.FromSeconds(1), Window, TimeSpan.FromSeconds(10)), 1, Window);

        Assert.Equal(1.0, f["samplePlayback"]);
        Assert.Equal(40.0, f["writesPerFrame"], 1);
        Assert.Equal(1.0, f["playCallsPerFrame"], 1);
        Assert.Equal(Math.Log10(1 + 2_000), f["d418WriteRate"], 2);
    }

    [Fact]
    public void Of_RealTune_GivesEveryFeatureAsAFiniteValue()
    {
        SidFile sid = RepositoryPaths.SampleSid("MUSICIANS/H/Hubbard_Rob/Ricochet.sid");

        SidRegisterTrace trace = SidTraceFeatures.Record(sid, sid.StartSong, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30));
        IReadOnlyDictionary<string, double> f = SidTraceFeatures.Of(trace, 1, TimeSpan.FromSeconds(10));

        Assert.All(SidTraceFeatures.Names, name => Assert.True(double.IsFinite(f[name]), name));
        Assert.True(f["noteRate"] > 1, "a game tune plays notes");
        Assert.True(f["distinctPitches"] >= 5, "and more than a handful of pitches");
        Assert.InRange(f["polyphony"], 1, 3);
    }
}
