namespace SidFlow.Emulation;

/// <summary>
/// A 6526 CIA as players use it: timers A and B (continuous or one-shot, B counting clock cycles or
/// A underflows), the interrupt control register, a time-of-day clock read from the cycle count, and
/// ports that read as "nothing pressed". Timers are computed on demand from the cycle count, so a
/// running timer costs nothing until someone looks at it or its interrupt is due.
/// </summary>
public sealed class Cia6526
{
    private const int TimerAFlag = 0x01;
    private const int TimerBFlag = 0x02;

    private readonly C64Bus _bus;
    private readonly double _clockHz;
    private readonly CiaTimer _a = new();
    private readonly CiaTimer _b = new();
    private readonly byte[] _registers = new byte[16];
    private long _synced;
    private int _icrData;
    private int _icrMask;
    private byte _cra;
    private byte _crb;

    public Cia6526(C64Bus bus, double clockHz)
    {
        _bus = bus;
        _clockHz = clockHz;
        _a.Latch = _a.Counter = 0xFFFF;
        _b.Latch = _b.Counter = 0xFFFF;
        _registers[0] = _registers[1] = 0xFF;
    }

    /// <summary>The interrupt output (IRQ for CIA 1, NMI for CIA 2).</summary>
    public bool Interrupt { get; private set; }

    /// <summary>The cycle at which this CIA next raises its interrupt, or <see cref="long.MaxValue"/>.</summary>
    public long NextEvent { get; private set; } = long.MaxValue;

    public int TimerALatch => _a.Latch;

    /// <summary>Sets timer A as the KERNAL leaves it: running continuously from <paramref name="latch"/>, its interrupt enabled or not.</summary>
    /// <param name="firstCount">The count to start from, so the first underflow comes after that many cycles.</param>
    public void StartTimerA(int latch, bool interrupt, int firstCount)
    {
        Sync();
        _a.Latch = latch & 0xFFFF;
        _a.Counter = firstCount & 0xFFFF;
        _a.Running = true;
        _a.OneShot = false;
        _cra = 0x01;
        if (interrupt)
        {
            _icrMask |= TimerAFlag;
        }

        Update();
    }

    /// <summary>Brings the timers up to the current cycle and raises the interrupt if one is due.</summary>
    public void Service()
    {
        Sync();
        Update();
    }

    public byte Read(int register)
    {
        register &= 0x0F;
        switch (register)
        {
            case 0x04:
                Sync();
                return (byte)_a.Counter;
            case 0x05:
                Sync();
                return (byte)(_a.Counter >> 8);
            case 0x06:
                Sync();
                return (byte)_b.Counter;
            case 0x07:
                Sync();
                return (byte)(_b.Counter >> 8);
            case 0x08:
                return Bcd((int)(Seconds() * 10 % 10));
            case 0x09:
                return Bcd((int)(Seconds() % 60));
            case 0x0A:
                return Bcd((int)(Seconds() / 60 % 60));
            case 0x0B:
                return Bcd(1 + (int)(Seconds() / 3600 % 12));
            case 0x0D:
                return ReadAndClearInterrupts();
            case 0x0E:
                Sync();
                return (byte)((_cra & 0xFE) | (_a.Running ? 1 : 0));
            case 0x0F:
                Sync();
                return (byte)((_crb & 0xFE) | (_b.Running ? 1 : 0));
            case 0x00:
            case 0x01:
                // Inputs float high: no key pressed, no joystick moved; outputs read back what was written.
                return (byte)(_registers[register] | ~_registers[register + 2]);
            default:
                return _registers[register];
        }
    }

    /// <summary>Reads the interrupt control register, which acknowledges everything pending.</summary>
    public byte ReadAndClearInterrupts()
    {
        Sync();
        byte value = (byte)(_icrData | (Interrupt ? 0x80 : 0));
        _icrData = 0;
        Interrupt = false;
        Update();
        return value;
    }

    public void Write(int register, byte value)
    {
        register &= 0x0F;
        Sync();
        switch (register)
        {
            case 0x04:
                _a.Latch = (_a.Latch & 0xFF00) | value;
                break;
            case 0x05:
                _a.Latch = (_a.Latch & 0x00FF) | (value << 8);
                if (!_a.Running)
                {
                    _a.Counter = _a.Latch;
                }

                break;
            case 0x06:
                _b.Latch = (_b.Latch & 0xFF00) | value;
                break;
            case 0x07:
                _b.Latch = (_b.Latch & 0x00FF) | (value << 8);
                if (!_b.Running)
                {
                    _b.Counter = _b.Latch;
                }

                break;
            case 0x0D:
                _icrMask = (value & 0x80) != 0 ? _icrMask | (value & 0x1F) : _icrMask & ~value & 0x1F;
                break;
            case 0x0E:
                _cra = value;
                // Counting CNT transitions (bit 5) counts nothing: no one drives CNT while music plays.
                _a.Running = (value & 0x01) != 0 && (value & 0x20) == 0;
                _a.OneShot = (value & 0x08) != 0;
                if ((value & 0x10) != 0)
                {
                    _a.Counter = _a.Latch;
                }

                break;
            case 0x0F:
                _crb = value;
                int source = (value >> 5) & 0x03;
                _b.Running = (value & 0x01) != 0 && source != 1;
                _b.CountsUnderflowsOfA = source >= 2;
                _b.OneShot = (value & 0x08) != 0;
                if ((value & 0x10) != 0)
                {
                    _b.Counter = _b.Latch;
                }

                break;
            default:
                _registers[register] = value;
                break;
        }

        Update();
    }

    private void Sync()
    {
        long now = _bus.Now;
        long elapsed = now - _synced;
        if (elapsed <= 0)
        {
            return;
        }

        _synced = now;
        long underflowsA = _a.Advance(elapsed);
        long underflowsB = _b.CountsUnderflowsOfA ? _b.Advance(underflowsA) : _b.Advance(elapsed);
        if (underflowsA > 0)
        {
            _icrData |= TimerAFlag;
        }

        if (underflowsB > 0)
        {
            _icrData |= TimerBFlag;
        }
    }

    private void Update()
    {
        if ((_icrData & _icrMask) != 0)
        {
            Interrupt = true;
        }

        NextEvent = Interrupt ? long.MaxValue : NextInterruptCycle();
        _bus.UpdateInterruptLines();
        _bus.Reschedule();
    }

    private long NextInterruptCycle()
    {
        long next = long.MaxValue;
        long nextA = _a.Running ? _synced + _a.Counter + 1 : long.MaxValue;
        if ((_icrMask & TimerAFlag) != 0)
        {
            next = nextA;
        }

        if ((_icrMask & TimerBFlag) != 0 && _b.Running)
        {
            long nextB;
            if (!_b.CountsUnderflowsOfA)
            {
                nextB = _synced + _b.Counter + 1;
            }
            else if (!_a.Running)
            {
                nextB = long.MaxValue;
            }
            else if (_a.OneShot)
            {
                nextB = _b.Counter == 0 ? nextA : long.MaxValue;
            }
            else
            {
                nextB = nextA + (long)_b.Counter * (_a.Latch + 1);
            }

            next = Math.Min(next, nextB);
        }

        return next;
    }

    private double Seconds() => _bus.Now / _clockHz;

    private static byte Bcd(int value) => (byte)(((value / 10) << 4) | (value % 10));

    /// <summary>One 16-bit down counter: it underflows one tick after reaching zero and reloads its latch.</summary>
    private sealed class CiaTimer
    {
        public int Latch;
        public int Counter;
        public bool Running;
        public bool OneShot;
        public bool CountsUnderflowsOfA;

        /// <summary>Counts <paramref name="ticks"/> down; returns how many times the timer underflowed.</summary>
        public long Advance(long ticks)
        {
            if (!Running || ticks <= 0)
            {
                return 0;
            }

            if (ticks <= Counter)
            {
                Counter -= (int)ticks;
                return 0;
            }

            long rest = ticks - Counter - 1;
            if (OneShot)
            {
                Counter = Latch;
                Running = false;
                return 1;
            }

            long period = Latch + 1L;
            Counter = Latch - (int)(rest % period);
            return 1 + rest / period;
        }
    }
}
