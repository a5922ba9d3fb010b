using System.Runtime.CompilerServices;

namespace SidFlow.Emulation;

/// <summary>
/// The NMOS 6510 at instruction granularity: every documented opcode and the stable undocumented ones,
/// exact base cycles with page-crossing and branch penalties, NMOS decimal mode, IRQ (level), NMI (edge)
/// and BRK. Memory and the interrupt lines are the <see cref="C64Bus"/>'s; the opcode switch is generated (tools/cpu-opcodes).
/// </summary>
public sealed partial class Cpu6510(C64Bus bus)
{
    private const int NmiVector = 0xFFFA;
    private const int IrqVector = 0xFFFE;

    // Unstable opcodes (XAA, LXA) mix in a chip-dependent constant; 0xEE is the value most C64s show.
    private const int UnstableMagic = 0xEE;

    public byte A;
    public byte X;
    public byte Y;
    public byte S = 0xFF;
    public ushort PC;
    public bool C;
    public bool Z;
    public bool I;
    public bool D;
    public bool V;
    public bool N;

    /// <summary>Set when the last instruction jumped or branched to itself: only an interrupt can change what happens next.</summary>
    public bool IdleLoop;

    /// <summary>The opcode that jammed the CPU (KIL/JAM), or -1.</summary>
    public int JammedOpcode { get; private set; } = -1;

    public C64Bus Bus => bus;

    /// <summary>Runs one instruction, or takes a pending interrupt; returns the cycles used (0 when jammed).</summary>
    public int Step()
    {
        if (bus.NmiPending)
        {
            bus.NmiPending = false;
            Interrupt(NmiVector, brk: false);
            return 7;
        }

        if (bus.IrqLine && !I)
        {
            Interrupt(IrqVector, brk: false);
            return 7;
        }

        return Execute(bus.Read(PC++));
    }

    /// <summary>True when a Step would take an interrupt rather than run an instruction.</summary>
    public bool InterruptPending => bus.NmiPending || (bus.IrqLine && !I);

    public byte GetP() => (byte)((N ? 0x80 : 0) | (V ? 0x40 : 0) | 0x20 | (D ? 0x08 : 0) | (I ? 0x04 : 0) | (Z ? 0x02 : 0) | (C ? 0x01 : 0));

    public void SetP(byte p)
    {
        N = (p & 0x80) != 0;
        V = (p & 0x40) != 0;
        D = (p & 0x08) != 0;
        I = (p & 0x04) != 0;
        Z = (p & 0x02) != 0;
        C = (p & 0x01) != 0;
    }

    public void Push(byte value)
    {
        bus.Write(0x0100 | S, value);
        S--;
    }

    public byte Pull()
    {
        S++;
        return bus.Read(0x0100 | S);
    }

    /// <summary>Pushes a return address so that an RTS lands on <paramref name="address"/>.</summary>
    public void PushReturnAddress(int address)
    {
        int ret = (address - 1) & 0xFFFF;
        Push((byte)(ret >> 8));
        Push((byte)ret);
    }

    private void Interrupt(int vector, bool brk)
    {
        int ret = brk ? PC + 1 : PC;
        Push((byte)(ret >> 8));
        Push((byte)ret);
        Push((byte)(brk ? GetP() | 0x10 : GetP() & ~0x10));
        I = true;
        PC = (ushort)(bus.Read(vector) | (bus.Read(vector + 1) << 8));
    }

    private void Jam(byte op)
    {
        JammedOpcode = op;
        PC--;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte Read(int address) => bus.Read(address);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Write(int address, byte value) => bus.Write(address, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte ReadImmediate() => bus.Read(PC++);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetNz(byte value)
    {
        Z = value == 0;
        N = (value & 0x80) != 0;
    }

    private int ZeroPage() => bus.Read(PC++);

    private int ZeroPageX() => (bus.Read(PC++) + X) & 0xFF;

    private int ZeroPageY() => (bus.Read(PC++) + Y) & 0xFF;

    private int Absolute()
    {
        int lo = bus.Read(PC);
        int hi = bus.Read(PC + 1);
        PC += 2;
        return (hi << 8) | lo;
    }

    private int AbsoluteX(out bool crossed)
    {
        int baseAddress = Absolute();
        int ea = (baseAddress + X) & 0xFFFF;
        crossed = ((baseAddress ^ ea) & 0xFF00) != 0;
        return ea;
    }

    private int AbsoluteY(out bool crossed)
    {
        int baseAddress = Absolute();
        int ea = (baseAddress + Y) & 0xFFFF;
        crossed = ((baseAddress ^ ea) & 0xFF00) != 0;
        return ea;
    }

    private int IndirectX()
    {
        int pointer = (bus.Read(PC++) + X) & 0xFF;
        return bus.Read(pointer) | (bus.Read((pointer + 1) & 0xFF) << 8);
    }

    private int IndirectY(out bool crossed)
    {
        int pointer = bus.Read(PC++);
        int baseAddress = bus.Read(pointer) | (bus.Read((pointer + 1) & 0xFF) << 8);
        int ea = (baseAddress + Y) & 0xFFFF;
        crossed = ((baseAddress ^ ea) & 0xFF00) != 0;
        return ea;
    }

    /// <summary>2 cycles not taken, 3 taken, 4 taken across a page.</summary>
    private int Branch(bool condition)
    {
        sbyte offset = (sbyte)bus.Read(PC++);
        if (!condition)
        {
            return 2;
        }

        int from = PC;
        int to = (from + offset) & 0xFFFF;
        PC = (ushort)to;
        if (offset == -2)
        {
            IdleLoop = true;
        }

        return ((from ^ to) & 0xFF00) != 0 ? 4 : 3;
    }

    private void Ora(byte value) => SetNz(A |= value);

    private void And(byte value) => SetNz(A &= value);

    private void Eor(byte value) => SetNz(A ^= value);

    private void Lda(byte value) => SetNz(A = value);

    private void Ldx(byte value) => SetNz(X = value);

    private void Ldy(byte value) => SetNz(Y = value);

    private void Lax(byte value) => SetNz(A = X = value);

    private void Las(byte value) => SetNz(A = X = S = (byte)(value & S));

    private void Bit(byte value)
    {
        Z = (A & value) == 0;
        N = (value & 0x80) != 0;
        V = (value & 0x40) != 0;
    }

    private void Compare(byte register, byte value)
    {
        int diff = register - value;
        C = diff >= 0;
        SetNz((byte)diff);
    }

    private void Cmp(byte value) => Compare(A, value);

    private void Cpx(byte value) => Compare(X, value);

    private void Cpy(byte value) => Compare(Y, value);

    private void Adc(byte value)
    {
        int carry = C ? 1 : 0;
        if (!D)
        {
            int sum = A + value + carry;
            V = (~(A ^ value) & (A ^ sum) & 0x80) != 0;
            C = sum > 0xFF;
            SetNz(A = (byte)sum);
            return;
        }

        // NMOS decimal mode: Z comes from the binary sum, N and V from the half-adjusted intermediate.
        int lo = (A & 0x0F) + (value & 0x0F) + carry;
        if (lo > 0x09)
        {
            lo += 0x06;
        }

        int result = (lo & 0x0F) + (A & 0xF0) + (value & 0xF0) + (lo > 0x0F ? 0x10 : 0);
        Z = ((A + value + carry) & 0xFF) == 0;
        N = (result & 0x80) != 0;
        V = ((A ^ result) & 0x80) != 0 && ((A ^ value) & 0x80) == 0;
        if ((result & 0x1F0) > 0x90)
        {
            result += 0x60;
        }

        C = (result & 0xFF0) > 0xF0;
        A = (byte)result;
    }

    private void Sbc(byte value)
    {
        int borrow = C ? 0 : 1;
        int diff = A - value - borrow;
        V = ((A ^ value) & (A ^ diff) & 0x80) != 0;
        C = diff >= 0;
        Z = (diff & 0xFF) == 0;
        N = (diff & 0x80) != 0;
        if (!D)
        {
            A = (byte)diff;
            return;
        }

        // NMOS decimal mode: flags as in binary, the result adjusted per nibble.
        int lo = (A & 0x0F) - (value & 0x0F) - borrow;
        int result = (lo & 0x10) != 0
            ? ((lo - 6) & 0x0F) | ((A & 0xF0) - (value & 0xF0) - 0x10)
            : (lo & 0x0F) | ((A & 0xF0) - (value & 0xF0));
        if ((result & 0x100) != 0)
        {
            result -= 0x60;
        }

        A = (byte)result;
    }

    private byte Asl(byte value)
    {
        C = (value & 0x80) != 0;
        byte result = (byte)(value << 1);
        SetNz(result);
        return result;
    }

    private byte Lsr(byte value)
    {
        C = (value & 0x01) != 0;
        byte result = (byte)(value >> 1);
        SetNz(result);
        return result;
    }

    private byte Rol(byte value)
    {
        byte result = (byte)((value << 1) | (C ? 1 : 0));
        C = (value & 0x80) != 0;
        SetNz(result);
        return result;
    }

    private byte Ror(byte value)
    {
        byte result = (byte)((value >> 1) | (C ? 0x80 : 0));
        C = (value & 0x01) != 0;
        SetNz(result);
        return result;
    }

    private byte Inc(byte value)
    {
        byte result = (byte)(value + 1);
        SetNz(result);
        return result;
    }

    private byte Dec(byte value)
    {
        byte result = (byte)(value - 1);
        SetNz(result);
        return result;
    }

    private byte Slo(byte value)
    {
        byte result = Asl(value);
        Ora(result);
        return result;
    }

    private byte Rla(byte value)
    {
        byte result = Rol(value);
        And(result);
        return result;
    }

    private byte Sre(byte value)
    {
        byte result = Lsr(value);
        Eor(result);
        return result;
    }

    private byte Rra(byte value)
    {
        byte result = Ror(value);
        Adc(result);
        return result;
    }

    private byte Dcp(byte value)
    {
        byte result = (byte)(value - 1);
        Compare(A, result);
        return result;
    }

    private byte Isc(byte value)
    {
        byte result = (byte)(value + 1);
        Sbc(result);
        return result;
    }

    private void Anc(byte value)
    {
        And(value);
        C = N;
    }

    private void Alr(byte value) => A = Lsr((byte)(A & value));

    private void Arr(byte value)
    {
        int anded = A & value;
        int result = (anded >> 1) | (C ? 0x80 : 0);
        if (!D)
        {
            SetNz(A = (byte)result);
            C = (result & 0x40) != 0;
            V = (((result >> 6) ^ (result >> 5)) & 1) != 0;
            return;
        }

        N = C;
        Z = result == 0;
        V = ((anded ^ result) & 0x40) != 0;
        if ((anded & 0x0F) + (anded & 0x01) > 0x05)
        {
            result = (result & 0xF0) | ((result + 0x06) & 0x0F);
        }

        C = (anded & 0xF0) + (anded & 0x10) > 0x50;
        if (C)
        {
            result += 0x60;
        }

        A = (byte)result;
    }

    private void Sbx(byte value)
    {
        int diff = (A & X) - value;
        C = diff >= 0;
        SetNz(X = (byte)diff);
    }

    private void Xaa(byte value) => SetNz(A = (byte)((A | UnstableMagic) & X & value));

    private void Lxa(byte value) => SetNz(A = X = (byte)((A | UnstableMagic) & value));
}
