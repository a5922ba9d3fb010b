using System.Runtime.CompilerServices;

namespace SidFlow.Emulation;

/// <summary>
/// The C64 address space and clock: 64 KiB of RAM, the processor port at $00/$01 that banks BASIC,
/// KERNAL, character ROM and I/O in and out, and I/O dispatch to the VIC-II, the SIDs (mirrored through
/// $D400-$D7FF, extra chips at their header addresses), colour RAM and the two CIAs. It also carries the
/// cycle count and the IRQ and NMI lines. A flat bus (all RAM, no port, no I/O) serves CPU tests.
/// </summary>
public sealed class C64Bus
{
    private const byte MapRam = 0;
    private const byte MapIo = 1;
    private const byte MapKernal = 2;
    private const byte MapBasic = 3;
    private const byte MapCharacterRom = 4;
    private const int SidSlotBase = 0xD400;

    public readonly byte[] Ram = new byte[0x10000];

    /// <summary>The current CPU cycle.</summary>
    public long Now;

    /// <summary>The IRQ line (CIA 1 or VIC-II asserting).</summary>
    public bool IrqLine;

    /// <summary>An NMI edge not yet taken by the CPU.</summary>
    public bool NmiPending;

    /// <summary>The earliest cycle at which a device needs attention.</summary>
    public long NextEvent = long.MaxValue;

    /// <summary>The start of the next VIC-II bad line, where a running CPU loses <see cref="VicRaster.BadLineStall"/> cycles.</summary>
    public long NextBadLine = long.MaxValue;

    private readonly byte[] _readMap = new byte[256];
    private readonly byte[] _writeMap = new byte[256];
    private readonly byte[] _colorRam = new byte[0x400];
    private readonly sbyte[] _sidSlots = new sbyte[(0xE000 - SidSlotBase) / 0x20];
    private readonly bool _flat;
    private SidChip[] _sids = [];
    private bool _nmiLine;

    private C64Bus(bool flat, VideoTiming timing)
    {
        _flat = flat;
        Vic = new VicRaster(this, timing);
        Cia1 = new Cia6526(this, timing.ClockHz);
        Cia2 = new Cia6526(this, timing.ClockHz);
        Array.Fill(_sidSlots, (sbyte)-1);
        if (!flat)
        {
            Ram[0] = 0x2F;
            Ram[1] = 0x37;
        }

        UpdateMemoryMap();
        NextBadLine = flat ? long.MaxValue : Vic.NextBadLineAfter(0);
    }

    public VicRaster Vic { get; }

    public Cia6526 Cia1 { get; }

    public Cia6526 Cia2 { get; }

    /// <summary>Receives every SID register write, when set.</summary>
    public SidRegisterTrace? Trace { get; set; }

    /// <summary>A C64 with its power-on banking ($01 = $37).</summary>
    public static C64Bus C64(VideoTiming timing) => new(flat: false, timing);

    /// <summary>64 KiB of plain RAM: no processor port, no ROM, no I/O.</summary>
    public static C64Bus FlatRam() => new(flat: true, VideoTiming.Pal);

    /// <summary>Attaches SID chips: the first at $D400 (mirrored up to $D7FF), the others at their addresses.</summary>
    public void AttachSids(SidChip[] sids, IReadOnlyList<int> addresses)
    {
        _sids = sids;
        Array.Fill(_sidSlots, (sbyte)-1);
        for (int slot = 0; slot < (0xD800 - SidSlotBase) / 0x20; slot++)
        {
            _sidSlots[slot] = 0;
        }

        for (int chip = 1; chip < sids.Length; chip++)
        {
            int address = addresses[chip];
            if (address is >= SidSlotBase and < 0xE000)
            {
                _sidSlots[(address - SidSlotBase) >> 5] = (sbyte)chip;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte Read(int address)
    {
        return _readMap[address >> 8] == MapRam ? Ram[address] : ReadMapped(address);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(int address, byte value)
    {
        if (_writeMap[address >> 8] == MapRam)
        {
            Ram[address] = value;
            if (address < 2 && !_flat)
            {
                UpdateMemoryMap();
            }

            return;
        }

        WriteIo(address, value);
    }

    /// <summary>The CPU ran into a bad line: it stalls, and the next bad line is scheduled.</summary>
    public void StallForBadLine()
    {
        Now += VicRaster.BadLineStall;
        NextBadLine = Vic.NextBadLineAfter(Now);
    }

    /// <summary>Time jumped while the CPU waited: bad lines passed meanwhile cost nothing.</summary>
    public void SkipBadLines() => NextBadLine = _flat ? long.MaxValue : Vic.NextBadLineAfter(Now);

    /// <summary>Recomputes <see cref="NextEvent"/> after a device changed its schedule.</summary>
    public void Reschedule() => NextEvent = Math.Min(Vic.NextEvent, Math.Min(Cia1.NextEvent, Cia2.NextEvent));

    /// <summary>Brings every device whose event is due up to the current cycle.</summary>
    public void ServiceEvents()
    {
        if (Vic.NextEvent <= Now)
        {
            Vic.Service();
        }

        if (Cia1.NextEvent <= Now)
        {
            Cia1.Service();
        }

        if (Cia2.NextEvent <= Now)
        {
            Cia2.Service();
        }
    }

    /// <summary>Recomputes the IRQ line and catches a new NMI edge from CIA 2.</summary>
    public void UpdateInterruptLines()
    {
        IrqLine = Cia1.Interrupt || Vic.Interrupt;
        bool nmi = Cia2.Interrupt;
        if (nmi && !_nmiLine)
        {
            NmiPending = true;
        }

        _nmiLine = nmi;
    }

    private byte ReadMapped(int address)
    {
        switch (_readMap[address >> 8])
        {
            case MapKernal:
                return KernalStub.Kernal[address - 0xE000];
            case MapBasic:
                return KernalStub.Basic[address - 0xA000];
            case MapCharacterRom:
                return 0;
            default:
                return ReadIo(address);
        }
    }

    private byte ReadIo(int address)
    {
        if (address < 0xD400)
        {
            return Vic.Read(address);
        }

        if (address < 0xD800 || address >= 0xDE00)
        {
            int chip = _sidSlots[(address - SidSlotBase) >> 5];
            return chip >= 0 && chip < _sids.Length ? _sids[chip].Read(address & 0x1F, Now) : (byte)0;
        }

        if (address < 0xDC00)
        {
            return (byte)(_colorRam[address - 0xD800] | 0xF0);
        }

        return address < 0xDD00 ? Cia1.Read(address) : Cia2.Read(address);
    }

    private void WriteIo(int address, byte value)
    {
        if (address < 0xD400)
        {
            Vic.Write(address, value);
        }
        else if (address < 0xD800 || address >= 0xDE00)
        {
            int chip = _sidSlots[(address - SidSlotBase) >> 5];
            if (chip >= 0 && chip < _sids.Length)
            {
                int register = address & 0x1F;
                Trace?.Add(Now, chip, register, value);
                _sids[chip].Write(register, value, Now);
            }
        }
        else if (address < 0xDC00)
        {
            _colorRam[address - 0xD800] = (byte)(value & 0x0F);
        }
        else if (address < 0xDD00)
        {
            Cia1.Write(address, value);
        }
        else
        {
            Cia2.Write(address, value);
        }
    }

    private void UpdateMemoryMap()
    {
        if (_flat)
        {
            return;
        }

        // Port bits set as inputs read high (pull-ups), so a cleared direction bit means "on".
        int port = (Ram[1] | ~Ram[0]) & 0x07;
        bool loram = (port & 1) != 0;
        bool hiram = (port & 2) != 0;
        bool charen = (port & 4) != 0;
        byte basic = loram && hiram ? MapBasic : MapRam;
        byte kernal = hiram ? MapKernal : MapRam;
        byte io = !loram && !hiram ? MapRam : charen ? MapIo : MapCharacterRom;
        for (int page = 0xA0; page < 0xC0; page++)
        {
            _readMap[page] = basic;
        }

        for (int page = 0xD0; page < 0xE0; page++)
        {
            _readMap[page] = io;
            _writeMap[page] = io == MapIo ? MapIo : MapRam;
        }

        for (int page = 0xE0; page < 0x100; page++)
        {
            _readMap[page] = kernal;
        }
    }
}
