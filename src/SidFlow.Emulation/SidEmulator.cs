using System.Diagnostics;
using SidFlow.Emulation.Sid;

namespace SidFlow.Emulation;

/// <summary>
/// Plays one song of a SID file on an emulated C64: loads the image, sets up the PSID or RSID start-up
/// environment the SID file format describes, calls init, then lets time run. PSID play routines are
/// called from the driver when the tune's interrupt source fires (the VIC raster interrupt for
/// vertical-blank speed, CIA 1 timer A for CIA speed), with the bank register the format prescribes;
/// RSID tunes and PSIDs without a play address run on their own interrupts through the KERNAL stubs.
/// When the CPU has nothing to do (back in the driver, or looping on itself) time jumps to the next
/// interrupt. <see cref="Skip"/> advances without synthesis; <see cref="Render"/> produces PCM.
/// </summary>
public sealed class SidEmulator
{
    // Where init and play return to; the driver watches the program counter rather than running code there.
    private const int DriverAddress = 0xFFF6;

    // The driver's timing, matched to sidplayfp's so renders line up frame for frame: init starts 1.5 ms
    // after power-on, setting the volume to 15, and play comes with the interrupt, whose phase is 1.6 ms
    // (raster line 25) or 1.7 ms (CIA 1 timer A, started then) into each period; one that fell due during
    // init plays as soon as init returns.
    private const int DriverStartCycle = 1_500;
    private const int VerticalBlankLine = 25;
    private const int TimerStartCycle = 1_705;
    private const int MaxPlayCallsKept = 1 << 20;

    private readonly C64Bus _bus;
    private readonly Cpu6510 _cpu;
    private readonly SidChip[] _chips;
    private readonly Decimator[] _decimators;
    private readonly List<float>[] _pending;
    private readonly float[][] _mix;
    private readonly EmulatorOptions _options;
    private readonly int _playAddress;
    private readonly bool _driverCallsPlay;
    private readonly bool _enableInterruptsAfterInit;
    private readonly List<long> _playCalls = [];
    private readonly Stopwatch _wall = new();
    private bool _initDone;
    private bool _driverStarted;

    public SidEmulator(SidFile sid, EmulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(sid);
        if (options.Subtune < 1 || options.Subtune > sid.Songs)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Subtune, $"song must be 1..{sid.Songs}");
        }

        if (options.Channels is not (1 or 2) || options.SampleRate is < 4_000 or > 384_000)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"{options.SampleRate} Hz with {options.Channels} channels is not supported");
        }

        if (sid.MusPlayer)
        {
            throw new SidEmulationException(SidEmulationError.Unsupported, "the file holds Compute's Sidplayer (MUS) data, which needs that player's code");
        }

        if (sid.BasicFlag)
        {
            throw new SidEmulationException(SidEmulationError.Unsupported, "the RSID tune is a C64 BASIC program and there is no BASIC ROM");
        }

        _options = options;
        Sid = sid;
        Timing = VideoTiming.For(options.Clock ?? sid.Clock);
        _bus = C64Bus.C64(Timing);
        _cpu = new Cpu6510(_bus);

        int factor = Math.Max(1, (options.MinimumInternalRate + options.SampleRate - 1) / options.SampleRate);
        InternalRate = options.SampleRate * factor;
        _chips = CreateChips(sid, options, Timing.ClockHz, InternalRate);
        _bus.AttachSids(_chips, new[] { 0xD400, sid.SecondSidAddress, sid.ThirdSidAddress }.Where(a => a != 0).ToArray());
        _decimators = Enumerable.Range(0, options.Channels).Select(_ => new Decimator(factor)).ToArray();
        _pending = Enumerable.Range(0, options.Channels).Select(_ => new List<float>()).ToArray();
        _mix = Enumerable.Range(0, options.Channels).Select(_ => new float[4096]).ToArray();
        if (options.RecordTrace)
        {
            Trace = new SidRegisterTrace(Timing);
            _bus.Trace = Trace;
        }

        bool rsid = sid.Format == SidFormat.Rsid;
        _playAddress = rsid ? 0 : sid.PlayAddress;
        _driverCallsPlay = _playAddress != 0;
        _enableInterruptsAfterInit = !_driverCallsPlay;
        Speed = sid.GetSpeed(options.Subtune);
        SetUpMachine(sid);
    }

    public SidFile Sid { get; }

    public VideoTiming Timing { get; }

    public SidSpeed Speed { get; }

    /// <summary>The rate the chips synthesize at before decimation to the output rate.</summary>
    public int InternalRate { get; }

    /// <summary>CPU cycles since power-on.</summary>
    public long Cycle => _bus.Now;

    public TimeSpan Elapsed => TimeSpan.FromSeconds(_bus.Now / Timing.ClockHz);

    /// <summary>The register writes, when <see cref="EmulatorOptions.RecordTrace"/> is on.</summary>
    public SidRegisterTrace? Trace { get; }

    /// <summary>The cycles at which the driver called play (the first million).</summary>
    public IReadOnlyList<long> PlayCalls => _playCalls;

    /// <summary>Whether init has returned.</summary>
    public bool InitReturned => _initDone;

    public IReadOnlyList<SidChip> Chips => _chips;

    /// <summary>The machine, for tests that inspect timers and memory.</summary>
    internal C64Bus Bus => _bus;

    /// <summary>Runs <paramref name="duration"/> of C64 time without synthesizing audio (register state stays exact).</summary>
    public void Skip(TimeSpan duration)
    {
        SetSynthesis(false);
        long target = _bus.Now + CyclesFor(duration);
        _wall.Start();
        try
        {
            while (_bus.Now < target)
            {
                RunTo(Math.Min(target, _bus.Now + Timing.CyclesPerFrame));
                CheckWallClock();
            }
        }
        finally
        {
            _wall.Stop();
        }
    }

    /// <summary>Fills <paramref name="destination"/> with 16-bit samples (channels interleaved), running the machine as far as needed.</summary>
    public void Render(Span<short> destination)
    {
        int channels = _options.Channels;
        if (destination.Length % channels != 0)
        {
            throw new ArgumentException($"the buffer must hold whole frames of {channels} samples", nameof(destination));
        }

        SetSynthesis(true);
        int frames = destination.Length / channels;
        int done = 0;
        _wall.Start();
        try
        {
            while (true)
            {
                done += Drain(destination, done, frames - done);
                if (done == frames)
                {
                    return;
                }

                long cycles = (long)Math.Ceiling((frames - done) * Timing.ClockHz / _options.SampleRate) + 1;
                RunTo(_bus.Now + Math.Min(cycles, Timing.CyclesPerFrame));
                CollectSamples();
                CheckWallClock();
            }
        }
        finally
        {
            _wall.Stop();
        }
    }

    private int Drain(Span<short> destination, int start, int wanted)
    {
        int available = Math.Min(wanted, _pending[0].Count);
        int channels = _options.Channels;
        for (int c = 0; c < channels; c++)
        {
            List<float> source = _pending[c];
            for (int i = 0; i < available; i++)
            {
                float x = source[i] * 32767f;
                destination[((start + i) * channels) + c] = (short)Math.Clamp(x, -32768f, 32767f);
            }

            source.RemoveRange(0, available);
        }

        return available;
    }

    private void CollectSamples()
    {
        int count = -1;
        foreach (SidChip chip in _chips)
        {
            chip.ClockTo(_bus.Now);
            count = count < 0 ? chip.SampleCount : Math.Min(count, chip.SampleCount);
        }

        int channels = _options.Channels;
        for (int c = 0; c < channels; c++)
        {
            if (_mix[c].Length < count)
            {
                _mix[c] = new float[count * 2];
            }

            Array.Clear(_mix[c], 0, count);
        }

        for (int index = 0; index < _chips.Length; index++)
        {
            ReadOnlySpan<float> samples = _chips[index].TakeSamples()[..count];
            for (int c = 0; c < channels; c++)
            {
                float gain = Gain(index, c);
                if (gain == 0)
                {
                    continue;
                }

                float[] mix = _mix[c];
                for (int i = 0; i < count; i++)
                {
                    mix[i] += samples[i] * gain;
                }
            }
        }

        for (int c = 0; c < channels; c++)
        {
            _decimators[c].Process(_mix[c].AsSpan(0, count), _pending[c]);
        }
    }

    /// <summary>Mono: chips averaged. Stereo: chip 1 left, chip 2 right, chip 3 both; a single chip in both.</summary>
    private float Gain(int chip, int channel)
    {
        if (_options.Channels == 1 || _chips.Length == 1)
        {
            return 1f / _chips.Length;
        }

        return chip switch
        {
            0 => channel == 0 ? 1f : 0f,
            1 => channel == 1 ? 1f : 0f,
            _ => 0.5f,
        };
    }

    private void SetSynthesis(bool on)
    {
        foreach (SidChip chip in _chips)
        {
            chip.ClockTo(_bus.Now);
            chip.Synthesize = on;
        }
    }

    private void CheckWallClock()
    {
        if (_wall.Elapsed > _options.WallClockLimit)
        {
            throw new SidEmulationException(SidEmulationError.TimedOut, $"emulation took more than {_options.WallClockLimit.TotalSeconds:0.#} s (at {Elapsed.TotalSeconds:0.##} s of the song)");
        }
    }

    private long CyclesFor(TimeSpan duration) => (long)Math.Round(duration.TotalSeconds * Timing.ClockHz);

    /// <summary>Runs the CPU until <paramref name="target"/>, servicing device events and the driver on the way.</summary>
    private void RunTo(long target)
    {
        C64Bus bus = _bus;
        Cpu6510 cpu = _cpu;
        if (!_driverStarted)
        {
            if (target <= DriverStartCycle)
            {
                bus.Now = target;
                return;
            }

            _driverStarted = true;
            StartDriver();
            bus.SkipBadLines();
        }

        while (bus.Now < target)
        {
            long limit = Math.Min(target, bus.NextEvent);
            while (bus.Now < limit)
            {
                if (cpu.PC == DriverAddress && !InDriver(ref limit, target))
                {
                    break;
                }

                int cycles = cpu.Step();
                if (cycles == 0)
                {
                    throw new SidEmulationException(SidEmulationError.CpuJam, $"the CPU jammed on opcode ${cpu.JammedOpcode:X2} at ${cpu.PC:X4} after {Elapsed.TotalSeconds:0.###} s");
                }

                bus.Now += cycles;
                if (bus.Now >= bus.NextBadLine)
                {
                    bus.StallForBadLine();
                }

                if (cpu.IdleLoop)
                {
                    cpu.IdleLoop = false;
                    if (!cpu.InterruptPending)
                    {
                        // A jump or branch to itself: nothing changes until an interrupt.
                        bus.Now = Math.Max(bus.Now, Math.Min(target, bus.NextEvent));
                        bus.SkipBadLines();
                    }
                }

                if (bus.NextEvent < limit)
                {
                    limit = bus.NextEvent;
                }
            }

            if (bus.Now >= bus.NextEvent)
            {
                bus.ServiceEvents();
            }
        }
    }

    /// <summary>
    /// The CPU is back in the driver. Returns true when it should step (to take an interrupt or run play);
    /// false when it idles, having moved time to the next event.
    /// </summary>
    private bool InDriver(ref long limit, long target)
    {
        if (!_initDone)
        {
            _initDone = true;
            if (_enableInterruptsAfterInit)
            {
                _cpu.I = false;
            }
        }

        if (_driverCallsPlay && _bus.IrqLine)
        {
            _bus.Vic.Acknowledge();
            _bus.Cia1.ReadAndClearInterrupts();
            CallPlay();
            return true;
        }

        if (_cpu.InterruptPending)
        {
            return true;
        }

        _bus.Now = Math.Max(_bus.Now, Math.Min(target, _bus.NextEvent));
        _bus.SkipBadLines();
        limit = _bus.Now;
        return false;
    }

    private void CallPlay()
    {
        if (_playCalls.Count < MaxPlayCallsKept)
        {
            _playCalls.Add(_bus.Now);
        }

        _cpu.PushReturnAddress(DriverAddress);
        _cpu.PC = (ushort)_playAddress;
        _cpu.I = true;
        _bus.Write(0x01, BankFor(_playAddress));
    }

    private void SetUpMachine(SidFile sid)
    {
        byte[] ram = _bus.Ram;
        KernalStub.InstallRamVectors(ram);
        ram[0x02A6] = (byte)(Timing == VideoTiming.Pal ? 1 : 0);
        ReadOnlySpan<byte> image = sid.C64Data.Span;
        int length = Math.Min(image.Length, 0x10000 - sid.LoadAddress);
        image[..length].CopyTo(ram.AsSpan(sid.LoadAddress));
    }

    /// <summary>What the driver does at <see cref="DriverStartCycle"/>: start the interrupt sources, set the volume, call init.</summary>
    private void StartDriver()
    {
        bool rsid = Sid.Format == SidFormat.Rsid;
        _bus.Now = DriverStartCycle;
        // The start-up interrupt sources: the SID file format's PSID and RSID environments.
        bool cia = Speed == SidSpeed.CiaTimer;
        _bus.Cia1.StartTimerA(Timing.KernalTimerA, interrupt: rsid || cia, firstCount: Timing.KernalTimerA + TimerStartCycle - DriverStartCycle);
        _bus.Vic.SetRasterInterrupt(rsid ? 0x137 : VerticalBlankLine, enabled: !rsid && !cia);
        _bus.Write(0xD418, 0x0F);

        int init = Sid.EffectiveInitAddress;
        _cpu.A = (byte)(_options.Subtune - 1);
        _cpu.S = 0xFF;
        _cpu.PushReturnAddress(DriverAddress);
        _cpu.PC = (ushort)init;
        // PSID init runs as the PlaySID driver calls it, interrupts off; RSID as a program started from BASIC.
        _cpu.I = !rsid;
        _bus.Write(0x01, rsid ? (byte)0x37 : BankFor(init));
    }

    /// <summary>The bank register value the PSID format prescribes for a call to <paramref name="address"/>.</summary>
    public static byte BankFor(int address) => address switch
    {
        < 0xA000 => 0x37,
        < 0xD000 => 0x36,
        >= 0xE000 => 0x35,
        _ => 0x34,
    };

    private static SidChip[] CreateChips(SidFile sid, EmulatorOptions options, double clockHz, int rate)
    {
        SidModel first = options.Model ?? sid.SidModel1;
        var chips = new List<SidChip> { new(first, clockHz, rate) };
        if (sid.SecondSidAddress != 0)
        {
            chips.Add(new SidChip(options.Model ?? ModelOr(sid.SidModel2, first), clockHz, rate));
        }

        if (sid.ThirdSidAddress != 0)
        {
            chips.Add(new SidChip(options.Model ?? ModelOr(sid.SidModel3, first), clockHz, rate));
        }

        return chips.ToArray();
    }

    private static SidModel ModelOr(SidModel model, SidModel fallback) => model is SidModel.Mos6581 or SidModel.Mos8580 ? model : fallback;
}
