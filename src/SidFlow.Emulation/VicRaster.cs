namespace SidFlow.Emulation;

/// <summary>
/// The part of the VIC-II a music player sees: the raster counter ($D011 bit 7, $D012), the raster
/// compare interrupt ($D019/$D01A), the frame timing of PAL (312 lines of 63 cycles) or NTSC (263 lines
/// of 65 cycles), and the bad lines that stop the CPU while the screen is on (every eighth line of the
/// display window, as $D011's scroll bits select). Sprite DMA is not modelled; other registers read back
/// what was written.
/// </summary>
public sealed class VicRaster
{
    private const int RasterFlag = 0x01;
    private const int FirstDisplayLine = 0x30;
    private const int LastDisplayLine = 0xF7;

    /// <summary>CPU cycles a bad line takes (40 of character DMA plus the bus hand-over), as measured against sidplayfp.</summary>
    public const int BadLineStall = 45;

    private readonly C64Bus _bus;
    private readonly byte[] _registers = new byte[64];
    private int _compareLine;
    private int _latch;
    private int _enabled;
    private long _nextMatch;

    public VicRaster(C64Bus bus, VideoTiming timing)
    {
        _bus = bus;
        Timing = timing;
        _nextMatch = NextMatchAfter(-1);
        // The KERNAL leaves the screen on with vertical scroll 3.
        _registers[0x11] = 0x1B;
    }

    public VideoTiming Timing { get; }

    public bool Interrupt { get; private set; }

    public long NextEvent { get; private set; } = long.MaxValue;

    public int Line => (int)(_bus.Now / Timing.CyclesPerLine % Timing.Lines);

    /// <summary>The start of the first bad line after <paramref name="cycle"/>, or <see cref="long.MaxValue"/> with the screen off.</summary>
    public long NextBadLineAfter(long cycle)
    {
        if ((_registers[0x11] & 0x10) == 0)
        {
            return long.MaxValue;
        }

        int scroll = _registers[0x11] & 0x07;
        long line = cycle / Timing.CyclesPerLine + 1;
        for (int i = 0; i < 2 * Timing.Lines; i++, line++)
        {
            int inFrame = (int)(line % Timing.Lines);
            if (inFrame is >= FirstDisplayLine and <= LastDisplayLine && (inFrame & 7) == scroll)
            {
                return line * Timing.CyclesPerLine;
            }
        }

        return long.MaxValue;
    }

    /// <summary>Sets the raster compare line and whether it raises an interrupt (the PSID/RSID start-up state).</summary>
    public void SetRasterInterrupt(int line, bool enabled)
    {
        _compareLine = line & 0x1FF;
        _registers[0x12] = (byte)line;
        _registers[0x11] = (byte)((_registers[0x11] & 0x7F) | ((line >> 1) & 0x80));
        _enabled = enabled ? RasterFlag : 0;
        _nextMatch = NextMatchAfter(_bus.Now);
        Update();
    }

    /// <summary>Acknowledges every pending VIC interrupt, as writing $FF to $D019 does.</summary>
    public void Acknowledge()
    {
        Sync();
        _latch = 0;
        Update();
    }

    public void Service()
    {
        Sync();
        Update();
    }

    public byte Read(int register)
    {
        register &= 0x3F;
        switch (register)
        {
            case 0x11:
                return (byte)((_registers[0x11] & 0x7F) | ((Line & 0x100) >> 1));
            case 0x12:
                return (byte)Line;
            case 0x19:
                Sync();
                return (byte)(_latch | 0x70 | (Interrupt ? 0x80 : 0));
            case 0x1A:
                return (byte)(_enabled | 0xF0);
            default:
                return register >= 0x2F ? (byte)0xFF : _registers[register];
        }
    }

    public void Write(int register, byte value)
    {
        register &= 0x3F;
        Sync();
        switch (register)
        {
            case 0x11:
                _registers[0x11] = value;
                SetCompare((_compareLine & 0xFF) | ((value & 0x80) << 1));
                _bus.NextBadLine = NextBadLineAfter(_bus.Now);
                break;
            case 0x12:
                _registers[0x12] = value;
                SetCompare((_compareLine & 0x100) | value);
                break;
            case 0x19:
                _latch &= ~value & 0x0F;
                break;
            case 0x1A:
                _enabled = value & 0x0F;
                break;
            default:
                _registers[register] = value;
                break;
        }

        Update();
    }

    private void SetCompare(int line)
    {
        _compareLine = line;
        _nextMatch = NextMatchAfter(_bus.Now);
    }

    private void Sync()
    {
        long now = _bus.Now;
        if (_nextMatch <= now)
        {
            _latch |= RasterFlag;
            _nextMatch = NextMatchAfter(now);
        }
    }

    private void Update()
    {
        bool was = Interrupt;
        Interrupt = (_latch & _enabled) != 0;
        NextEvent = Interrupt || (_enabled & RasterFlag) == 0 ? long.MaxValue : _nextMatch;
        if (was != Interrupt)
        {
            _bus.UpdateInterruptLines();
        }

        _bus.Reschedule();
    }

    /// <summary>The first cycle after <paramref name="cycle"/> at which the raster reaches the compare line.</summary>
    private long NextMatchAfter(long cycle)
    {
        if (_compareLine >= Timing.Lines)
        {
            return long.MaxValue;
        }

        long frame = Timing.CyclesPerFrame;
        long frameStart = cycle < 0 ? 0 : cycle / frame * frame;
        long match = frameStart + (long)_compareLine * Timing.CyclesPerLine;
        return match > cycle ? match : match + frame;
    }
}
