using SidFlow.Emulation;
using SidFlow.Emulation.Sid;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Emulation.Tests;

/// <summary>The emulator as a whole: PSIDs built here play known notes and envelopes; real tunes are driven the way their headers say.</summary>
public sealed class SidEmulatorTests
{
    private const double PalClock = 985_248;
    private const int PalFrameCycles = 63 * 312;

    [Theory]
    [InlineData(0x1CD6, 0x14)] // about 434 Hz on a 6581
    [InlineData(0x0E6B, 0x24)] // about 217 Hz on an 8580
    [InlineData(0x4A00, 0x14)] // about 1.1 kHz
    public void Render_PsidPlayingTriangleNote_PitchMatchesFrequencyRegister(int frequency, int flags)
    {
        SidFile sid = PsidBuilder.NoteTune(frequency, attackDecay: 0x00, sustainRelease: 0xF0, control: 0x11, voiceBase: 0x00, flags);
        var emulator = new SidEmulator(sid, new EmulatorOptions { SampleRate = 44_100 });
        short[] pcm = new short[44_100 * 2];

        emulator.Render(pcm);

        double measured = ZeroCrossingFrequency(pcm.AsSpan(22_050), 44_100);
        double expected = frequency * PalClock / (1 << 24);
        Assert.InRange(measured / expected, 0.995, 1.005);
    }

    [Theory]
    [InlineData(2, 16)]
    [InlineData(8, 100)]
    [InlineData(10, 500)]
    public void Skip_GateOnVoiceThree_AttackAndDecayTakeTheDocumentedTimes(int rate, int documentedAttackMs)
    {
        // Voice 3's envelope is readable at $D41C. Attack climbs 255 steps of the rate period; decay to zero
        // takes about three times as long because the steps slow down exponentially as the level falls.
        SidFile sid = PsidBuilder.NoteTune(0x1000, attackDecay: (byte)((rate << 4) | rate), sustainRelease: 0x00, control: 0x11, voiceBase: 0x0E, flags: 0x14, gateCall: 8);
        var emulator = new SidEmulator(sid, new EmulatorOptions { RecordTrace = true });
        TimeSpan step = TimeSpan.FromMilliseconds(documentedAttackMs / 400.0);
        long? peak = null;
        long? silent = null;
        emulator.Skip(TimeSpan.FromMilliseconds(120));
        Assert.Equal(0, emulator.Chips[0].Read(0x1C, emulator.Cycle));
        while (silent is null && emulator.Elapsed < TimeSpan.FromSeconds(5))
        {
            emulator.Skip(step);
            int level = emulator.Chips[0].Read(0x1C, emulator.Cycle);
            if (peak is null && level == 0xFF)
            {
                peak = emulator.Cycle;
            }
            else if (peak is not null && level == 0)
            {
                silent = emulator.Cycle;
            }
        }

        long gate = GateCycle(emulator.Trace!, register: 0x12);
        Assert.NotNull(peak);
        Assert.NotNull(silent);
        double attackMs = (peak.Value - gate) / PalClock * 1000;
        double decayMs = (silent.Value - peak.Value) / PalClock * 1000;
        double periodMs = SidEnvelope.RatePeriods[rate] / PalClock * 1000;
        double stepMs = step.TotalMilliseconds;
        Assert.InRange(attackMs, (255 * periodMs) - stepMs, (256 * periodMs) + stepMs);
        Assert.InRange(attackMs / documentedAttackMs, 0.95, 1.05);
        Assert.InRange(decayMs / (3 * documentedAttackMs), 0.9, 1.02);
    }

    [Fact]
    public void Skip_VerticalBlankTune_InitSetsVolumeAndPlayRunsOncePerPalFrame()
    {
        SidFile sid = RepositoryPaths.SampleSid("MUSICIANS/H/Hannula_Antti/Bomba.sid");
        Assert.Equal(SidSpeed.VerticalBlank, sid.GetSpeed(sid.StartSong));
        var emulator = new SidEmulator(sid, new EmulatorOptions { Subtune = sid.StartSong, RecordTrace = true });

        emulator.Skip(TimeSpan.FromSeconds(2));

        Assert.True(emulator.InitReturned);
        long firstPlay = emulator.PlayCalls[0];
        Assert.Contains(emulator.Trace!.Writes.ToArray(), w => w.Register == 0x18 && w.Cycle < firstPlay && (w.Value & 0x0F) != 0);
        long[] gaps = Gaps(emulator.PlayCalls);
        Assert.InRange(gaps.Length, 95, 100);
        Assert.All(gaps, g => Assert.Equal(PalFrameCycles, g));
    }

    [Fact]
    public void Skip_CiaTimedTune_PlayRunsAtTheTimerItProgrammed()
    {
        SidFile sid = RepositoryPaths.SampleSid("GAMES/G-L/Hawk_Patrol.sid");
        Assert.Equal(SidSpeed.CiaTimer, sid.GetSpeed(sid.StartSong));
        var emulator = new SidEmulator(sid, new EmulatorOptions { Subtune = sid.StartSong, RecordTrace = true });

        emulator.Skip(TimeSpan.FromSeconds(2));

        long[] gaps = Gaps(emulator.PlayCalls).Skip(1).ToArray();
        int period = emulator.Bus.Cia1.TimerALatch + 1;
        Assert.NotEqual(PalFrameCycles, period);
        Assert.All(gaps, g => Assert.Equal(period, g));
        Assert.InRange(gaps.Length, (int)(1.9 * PalClock / period), (int)(2 * PalClock / period));
        Assert.Contains(emulator.Trace!.Writes.ToArray(), w => w.Register == 0x18);
    }

    [Theory]
    [InlineData(0x14)]
    [InlineData(0x24)]
    public void Render_SilentTuneFromPowerOn_OpensWithTheIdleLevelFadingOut(int flags)
    {
        SidFile sid = SidFile.Parse(new PsidBuilder { Flags = flags }.Build());
        var emulator = new SidEmulator(sid, new EmulatorOptions { SampleRate = 22_050 });
        short[] pcm = new short[22_050];

        emulator.Render(pcm);

        Assert.True(pcm.Take(220).Average(s => (double)s) < -0.1 * short.MaxValue, "the first 10 ms carry the idle level");
        Assert.InRange(pcm[^1], (short)-300, (short)300);
    }

    [Fact]
    public void Render_AfterTraceOnlySkip_StartsFromTheSettledLevel()
    {
        SidFile sid = SidFile.Parse(new PsidBuilder().Build());
        var emulator = new SidEmulator(sid, new EmulatorOptions { SampleRate = 22_050 });
        emulator.Skip(TimeSpan.FromSeconds(2));
        short[] pcm = new short[2_205];

        emulator.Render(pcm);

        Assert.All(pcm, s => Assert.InRange(s, (short)-300, (short)300));
    }

    [Fact]
    public void Skip_TraceOnly_RecordsTheSameWritesAsRendering()
    {
        SidFile sid = RepositoryPaths.SampleSid("MUSICIANS/H/Hannula_Antti/Bomba.sid");
        var tracing = new SidEmulator(sid, new EmulatorOptions { RecordTrace = true, SampleRate = 22_050 });
        var rendering = new SidEmulator(sid, new EmulatorOptions { RecordTrace = true, SampleRate = 22_050 });

        tracing.Skip(TimeSpan.FromSeconds(3));
        short[] pcm = new short[22_050 * 3];
        rendering.Render(pcm);

        long common = Math.Min(tracing.Cycle, rendering.Cycle);
        SidWrite[] expected = tracing.Trace!.Writes.ToArray().Where(w => w.Cycle < common).ToArray();
        SidWrite[] actual = rendering.Trace!.Writes.ToArray().Where(w => w.Cycle < common).ToArray();
        Assert.True(expected.Length > 1_000);
        Assert.Equal(expected, actual);
        Assert.True(pcm.Max(s => Math.Abs((int)s)) > 1_000, "the tune should be audible");
    }

    [Fact]
    public void Constructor_BasicRsid_IsUnsupported()
    {
        var builder = new PsidBuilder { Magic = "RSID", LoadAddress = 0, EmbeddedLoadAddress = 0x0801, InitAddress = 0, PlayAddress = 0, Flags = 0x16, Code = [0x00, 0x00] };

        var error = Assert.Throws<SidEmulationException>(() => new SidEmulator(SidFile.Parse(builder.Build()), new EmulatorOptions()));

        Assert.Equal(SidEmulationError.Unsupported, error.Error);
    }

    [Fact]
    public void Skip_TuneThatJams_ThrowsCpuJam()
    {
        SidFile sid = SidFile.Parse(new PsidBuilder { LoadAddress = 0, Code = [0x02, 0x60, 0x60, 0x60] }.Build());
        var emulator = new SidEmulator(sid, new EmulatorOptions());

        var error = Assert.Throws<SidEmulationException>(() => emulator.Skip(TimeSpan.FromSeconds(1)));

        Assert.Equal(SidEmulationError.CpuJam, error.Error);
        Assert.Contains("$02", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Skip_InitThatNeverReturns_EndsAtTheWallClockLimit()
    {
        // init: INC $D020; JMP init — busy forever, never an idle loop the emulator could skip.
        SidFile sid = SidFile.Parse(new PsidBuilder { LoadAddress = 0, Code = [0xEE, 0x20, 0xD0, 0x4C, 0x00, 0x10] }.Build());
        var emulator = new SidEmulator(sid, new EmulatorOptions { WallClockLimit = TimeSpan.FromMilliseconds(200) });

        var error = Assert.Throws<SidEmulationException>(() => emulator.Skip(TimeSpan.FromDays(1)));

        Assert.Equal(SidEmulationError.TimedOut, error.Error);
    }

    /// <summary>
    /// A PSID whose init sets up one voice and whose play routine (at $1100) opens the gate on its
    /// <paramref name="gateCall"/>th call, or init opens it when that is 0. Waiting lets the envelope fall from its
    /// power-on level ($AA) to zero first, so an attack starts from silence.
    /// </summary>

    private static long GateCycle(SidRegisterTrace trace, int register)
    {
        foreach (SidWrite write in trace.Writes)
        {
            if (write.Register == register && (write.Value & 1) != 0)
            {
                return write.Cycle;
            }
        }

        throw new InvalidOperationException("no gate write in the trace");
    }

    private static long[] Gaps(IReadOnlyList<long> calls) => calls.Zip(calls.Skip(1), (a, b) => b - a).ToArray();

    /// <summary>Rising zero crossings of the mean-free signal, located between samples by linear interpolation.</summary>
    internal static double ZeroCrossingFrequency(ReadOnlySpan<short> pcm, int sampleRate)
    {
        double mean = 0;
        foreach (short s in pcm)
        {
            mean += s;
        }

        mean /= pcm.Length;
        double first = -1;
        double last = -1;
        int crossings = 0;
        for (int i = 1; i < pcm.Length; i++)
        {
            double a = pcm[i - 1] - mean;
            double b = pcm[i] - mean;
            if (a < 0 && b >= 0)
            {
                double at = i - 1 + (a / (a - b));
                if (first < 0)
                {
                    first = at;
                }

                last = at;
                crossings++;
            }
        }

        return crossings < 2 ? 0 : (crossings - 1) * sampleRate / (last - first);
    }
}
