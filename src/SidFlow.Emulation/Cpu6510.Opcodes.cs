// Generated from the NMOS 6510 opcode table (documented and undocumented opcodes); edit the table, not the cases.
namespace SidFlow.Emulation;

public sealed partial class Cpu6510
{
    /// <summary>Executes the opcode just fetched; returns its cycles (0 when the CPU jammed).</summary>
    /// <remarks>The cases are split into groups: one 256-case method is too large for the JIT to optimize.</remarks>
    private int Execute(byte op) => (op >> 4) switch
    {
        0 => Execute0(op),
        1 => Execute1(op),
        2 => Execute2(op),
        3 => Execute3(op),
        4 => Execute4(op),
        5 => Execute5(op),
        6 => Execute6(op),
        7 => Execute7(op),
        8 => Execute8(op),
        9 => Execute9(op),
        10 => Execute10(op),
        11 => Execute11(op),
        12 => Execute12(op),
        13 => Execute13(op),
        14 => Execute14(op),
        _ => Execute15(op),
    };

    private int Execute0(byte op)
    {
        switch (op)
        {
            case 0x00: // BRK imp
            {
                Interrupt(0xFFFE, brk: true);
                return 7;
            }
            case 0x01: // ORA izx
            {
                int ea = IndirectX();
                Ora(Read(ea));
                return 6;
            }
            case 0x02: // JAM imp
            {
                Jam(op); return 0;
            }
            case 0x03: // SLO izx
            {
                int ea = IndirectX();
                { byte value = Read(ea); Write(ea, value); Write(ea, Slo(value)); }
                return 8;
            }
            case 0x04: // NOP zp
            {
                int ea = ZeroPage();
                Read(ea);
                return 3;
            }
            case 0x05: // ORA zp
            {
                int ea = ZeroPage();
                Ora(Read(ea));
                return 3;
            }
            case 0x06: // ASL zp
            {
                int ea = ZeroPage();
                { byte value = Read(ea); Write(ea, value); Write(ea, Asl(value)); }
                return 5;
            }
            case 0x07: // SLO zp
            {
                int ea = ZeroPage();
                { byte value = Read(ea); Write(ea, value); Write(ea, Slo(value)); }
                return 5;
            }
            case 0x08: // PHP imp
            {
                Push((byte)(GetP() | 0x30));
                return 3;
            }
            case 0x09: // ORA imm
            {
                Ora(ReadImmediate());
                return 2;
            }
            case 0x0A: // ASLA acc
            {
                A = Asl(A);
                return 2;
            }
            case 0x0B: // ANC imm
            {
                Anc(ReadImmediate());
                return 2;
            }
            case 0x0C: // NOP abs
            {
                int ea = Absolute();
                Read(ea);
                return 4;
            }
            case 0x0D: // ORA abs
            {
                int ea = Absolute();
                Ora(Read(ea));
                return 4;
            }
            case 0x0E: // ASL abs
            {
                int ea = Absolute();
                { byte value = Read(ea); Write(ea, value); Write(ea, Asl(value)); }
                return 6;
            }
            case 0x0F: // SLO abs
            {
                int ea = Absolute();
                { byte value = Read(ea); Write(ea, value); Write(ea, Slo(value)); }
                return 6;
            }
            default:
                throw new InvalidOperationException();
        }
    }

    private int Execute1(byte op)
    {
        switch (op)
        {
            case 0x10: // BPL rel
            {
                return Branch(!N);
            }
            case 0x11: // ORA izy
            {
                int ea = IndirectY(out bool crossed);
                Ora(Read(ea));
                if (crossed) { return 6; }
                return 5;
            }
            case 0x12: // JAM imp
            {
                Jam(op); return 0;
            }
            case 0x13: // SLO izy
            {
                int ea = IndirectY(out bool crossed);
                _ = crossed;
                { byte value = Read(ea); Write(ea, value); Write(ea, Slo(value)); }
                return 8;
            }
            case 0x14: // NOP zpx
            {
                int ea = ZeroPageX();
                Read(ea);
                return 4;
            }
            case 0x15: // ORA zpx
            {
                int ea = ZeroPageX();
                Ora(Read(ea));
                return 4;
            }
            case 0x16: // ASL zpx
            {
                int ea = ZeroPageX();
                { byte value = Read(ea); Write(ea, value); Write(ea, Asl(value)); }
                return 6;
            }
            case 0x17: // SLO zpx
            {
                int ea = ZeroPageX();
                { byte value = Read(ea); Write(ea, value); Write(ea, Slo(value)); }
                return 6;
            }
            case 0x18: // CLC imp
            {
                C = false;
                return 2;
            }
            case 0x19: // ORA aby
            {
                int ea = AbsoluteY(out bool crossed);
                Ora(Read(ea));
                if (crossed) { return 5; }
                return 4;
            }
            case 0x1A: // NOP imp
            {
                return 2;
            }
            case 0x1B: // SLO aby
            {
                int ea = AbsoluteY(out bool crossed);
                _ = crossed;
                { byte value = Read(ea); Write(ea, value); Write(ea, Slo(value)); }
                return 7;
            }
            case 0x1C: // NOP abx
            {
                int ea = AbsoluteX(out bool crossed);
                Read(ea);
                if (crossed) { return 5; }
                return 4;
            }
            case 0x1D: // ORA abx
            {
                int ea = AbsoluteX(out bool crossed);
                Ora(Read(ea));
                if (crossed) { return 5; }
                return 4;
            }
            case 0x1E: // ASL abx
            {
                int ea = AbsoluteX(out bool crossed);
                _ = crossed;
                { byte value = Read(ea); Write(ea, value); Write(ea, Asl(value)); }
                return 7;
            }
            case 0x1F: // SLO abx
            {
                int ea = AbsoluteX(out bool crossed);
                _ = crossed;
                { byte value = Read(ea); Write(ea, value); Write(ea, Slo(value)); }
                return 7;
            }
            default:
                throw new InvalidOperationException();
        }
    }

    private int Execute2(byte op)
    {
        switch (op)
        {
            case 0x20: // JSR abs
            {
                { int target = Absolute(); int ret = PC - 1; Push((byte)(ret >> 8)); Push((byte)ret); PC = (ushort)target; }
                return 6;
            }
            case 0x21: // AND izx
            {
                int ea = IndirectX();
                And(Read(ea));
                return 6;
            }
            case 0x22: // JAM imp
            {
                Jam(op); return 0;
            }
            case 0x23: // RLA izx
            {
                int ea = IndirectX();
                { byte value = Read(ea); Write(ea, value); Write(ea, Rla(value)); }
                return 8;
            }
            case 0x24: // BIT zp
            {
                int ea = ZeroPage();
                Bit(Read(ea));
                return 3;
            }
            case 0x25: // AND zp
            {
                int ea = ZeroPage();
                And(Read(ea));
                return 3;
            }
            case 0x26: // ROL zp
            {
                int ea = ZeroPage();
                { byte value = Read(ea); Write(ea, value); Write(ea, Rol(value)); }
                return 5;
            }
            case 0x27: // RLA zp
            {
                int ea = ZeroPage();
                { byte value = Read(ea); Write(ea, value); Write(ea, Rla(value)); }
                return 5;
            }
            case 0x28: // PLP imp
            {
                SetP(Pull());
                return 4;
            }
            case 0x29: // AND imm
            {
                And(ReadImmediate());
                return 2;
            }
            case 0x2A: // ROLA acc
            {
                A = Rol(A);
                return 2;
            }
            case 0x2B: // ANC imm
            {
                Anc(ReadImmediate());
                return 2;
            }
            case 0x2C: // BIT abs
            {
                int ea = Absolute();
                Bit(Read(ea));
                return 4;
            }
            case 0x2D: // AND abs
            {
                int ea = Absolute();
                And(Read(ea));
                return 4;
            }
            case 0x2E: // ROL abs
            {
                int ea = Absolute();
                { byte value = Read(ea); Write(ea, value); Write(ea, Rol(value)); }
                return 6;
            }
            case 0x2F: // RLA abs
            {
                int ea = Absolute();
                { byte value = Read(ea); Write(ea, value); Write(ea, Rla(value)); }
                return 6;
            }
            default:
                throw new InvalidOperationException();
        }
    }

    private int Execute3(byte op)
    {
        switch (op)
        {
            case 0x30: // BMI rel
            {
                return Branch(N);
            }
            case 0x31: // AND izy
            {
                int ea = IndirectY(out bool crossed);
                And(Read(ea));
                if (crossed) { return 6; }
                return 5;
            }
            case 0x32: // JAM imp
            {
                Jam(op); return 0;
            }
            case 0x33: // RLA izy
            {
                int ea = IndirectY(out bool crossed);
                _ = crossed;
                { byte value = Read(ea); Write(ea, value); Write(ea, Rla(value)); }
                return 8;
            }
            case 0x34: // NOP zpx
            {
                int ea = ZeroPageX();
                Read(ea);
                return 4;
            }
            case 0x35: // AND zpx
            {
                int ea = ZeroPageX();
                And(Read(ea));
                return 4;
            }
            case 0x36: // ROL zpx
            {
                int ea = ZeroPageX();
                { byte value = Read(ea); Write(ea, value); Write(ea, Rol(value)); }
                return 6;
            }
            case 0x37: // RLA zpx
            {
                int ea = ZeroPageX();
                { byte value = Read(ea); Write(ea, value); Write(ea, Rla(value)); }
                return 6;
            }
            case 0x38: // SEC imp
            {
                C = true;
                return 2;
            }
            case 0x39: // AND aby
            {
                int ea = AbsoluteY(out bool crossed);
                And(Read(ea));
                if (crossed) { return 5; }
                return 4;
            }
            case 0x3A: // NOP imp
            {
                return 2;
            }
            case 0x3B: // RLA aby
            {
                int ea = AbsoluteY(out bool crossed);
                _ = crossed;
                { byte value = Read(ea); Write(ea, value); Write(ea, Rla(value)); }
                return 7;
            }
            case 0x3C: // NOP abx
            {
                int ea = AbsoluteX(out bool crossed);
                Read(ea);
                if (crossed) { return 5; }
                return 4;
            }
            case 0x3D: // AND abx
            {
                int ea = AbsoluteX(out bool crossed);
                And(Read(ea));
                if (crossed) { return 5; }
                return 4;
            }
            case 0x3E: // ROL abx
            {
                int ea = AbsoluteX(out bool crossed);
                _ = crossed;
                { byte value = Read(ea); Write(ea, value); Write(ea, Rol(value)); }
                return 7;
            }
            case 0x3F: // RLA abx
            {
                int ea = AbsoluteX(out bool crossed);
                _ = crossed;
                { byte value = Read(ea); Write(ea, value); Write(ea, Rla(value)); }
                return 7;
            }
            default:
                throw new InvalidOperationException();
        }
    }

    private int Execute4(byte op)
    {
        switch (op)
        {
            case 0x40: // RTI imp
            {
                { SetP(Pull()); int lo = Pull(); int hi = Pull(); PC = (ushort)((hi << 8) | lo); }
                return 6;
            }
            case 0x41: // EOR izx
            {
                int ea = IndirectX();
                Eor(Read(ea));
                return 6;
            }
            case 0x42: // JAM imp
            {
                Jam(op); return 0;
            }
            case 0x43: // SRE izx
            {
                int ea = IndirectX();
                { byte value = Read(ea); Write(ea, value); Write(ea, Sre(value)); }
                return 8;
            }
            case 0x44: // NOP zp
            {
                int ea = ZeroPage();
                Read(ea);
                return 3;
            }
            case 0x45: // EOR zp
            {
                int ea = ZeroPage();
                Eor(Read(ea));
                return 3;
            }
            case 0x46: // LSR zp
            {
                int ea = ZeroPage();
                { byte value = Read(ea); Write(ea, value); Write(ea, Lsr(value)); }
                return 5;
            }
            case 0x47: // SRE zp
            {
                int ea = ZeroPage();
                { byte value = Read(ea); Write(ea, value); Write(ea, Sre(value)); }
                return 5;
            }
            case 0x48: // PHA imp
            {
                Push(A);
                return 3;
            }
            case 0x49: // EOR imm
            {
                Eor(ReadImmediate());
                return 2;
            }
            case 0x4A: // LSRA acc
            {
                A = Lsr(A);
                return 2;
            }
            case 0x4B: // ALR imm
            {
                Alr(ReadImmediate());
                return 2;
            }
            case 0x4C: // JMP abs
            {
                { int target = Absolute(); if (target == PC - 3) { IdleLoop = true; } PC = (ushort)target; }
                return 3;
            }
            case 0x4D: // EOR abs
            {
                int ea = Absolute();
                Eor(Read(ea));
                return 4;
            }
            case 0x4E: // LSR abs
            {
                int ea = Absolute();
                { byte value = Read(ea); Write(ea, value); Write(ea, Lsr(value)); }
                return 6;
            }
            case 0x4F: // SRE abs
            {
                int ea = Absolute();
                { byte value = Read(ea); Write(ea, value); Write(ea, Sre(value)); }
                return 6;
            }
            default:
                throw new InvalidOperationException();
        }
    }

    private int Execute5(byte op)
    {
        switch (op)
        {
            case 0x50: // BVC rel
            {
                return Branch(!V);
            }
            case 0x51: // EOR izy
            {
                int ea = IndirectY(out bool crossed);
                Eor(Read(ea));
                if (crossed) { return 6; }
                return 5;
            }
            case 0x52: // JAM imp
            {
                Jam(op); return 0;
            }
            case 0x53: // SRE izy
            {
                int ea = IndirectY(out bool crossed);
                _ = crossed;
                { byte value = Read(ea); Write(ea, value); Write(ea, Sre(value)); }
                return 8;
            }
            case 0x54: // NOP zpx
            {
                int ea = ZeroPageX();
                Read(ea);
                return 4;
            }
            case 0x55: // EOR zpx
            {
                int ea = ZeroPageX();
                Eor(Read(ea));
                return 4;
            }
            case 0x56: // LSR zpx
            {
                int ea = ZeroPageX();
                { byte value = Read(ea); Write(ea, value); Write(ea, Lsr(value)); }
                return 6;
            }
            case 0x57: // SRE zpx
            {
                int ea = ZeroPageX();
                { byte value = Read(ea); Write(ea, value); Write(ea, Sre(value)); }
                return 6;
            }
            case 0x58: // CLI imp
            {
                I = false;
                return 2;
            }
            case 0x59: // EOR aby
            {
                int ea = AbsoluteY(out bool crossed);
                Eor(Read(ea));
                if (crossed) { return 5; }
                return 4;
            }
            case 0x5A: // NOP imp
            {
                return 2;
            }
            case 0x5B: // SRE aby
            {
                int ea = AbsoluteY(out bool crossed);
                _ = crossed;
                { byte value = Read(ea); Write(ea, value); Write(ea, Sre(value)); }
                return 7;
            }
            case 0x5C: // NOP abx
            {
                int ea = AbsoluteX(out bool crossed);
                Read(ea);
                if (crossed) { return 5; }
                return 4;
            }
            case 0x5D: // EOR abx
            {
                int ea = AbsoluteX(out bool crossed);
                Eor(Read(ea));
                if (crossed) { return 5; }
                return 4;
            }
            case 0x5E: // LSR abx
            {
                int ea = AbsoluteX(out bool crossed);
                _ = crossed;
                { byte value = Read(ea); Write(ea, value); Write(ea, Lsr(value)); }
                return 7;
            }
            case 0x5F: // SRE abx
            {
                int ea = AbsoluteX(out bool crossed);
                _ = crossed;
                { byte value = Read(ea); Write(ea, value); Write(ea, Sre(value)); }
                return 7;
            }
            default:
                throw new InvalidOperationException();
        }
    }

    private int Execute6(byte op)
    {
        switch (op)
        {
            case 0x60: // RTS imp
            {
                { int lo = Pull(); int hi = Pull(); PC = (ushort)(((hi << 8) | lo) + 1); }
                return 6;
            }
            case 0x61: // ADC izx
            {
                int ea = IndirectX();
                Adc(Read(ea));
                return 6;
            }
            case 0x62: // JAM imp
            {
                Jam(op); return 0;
            }
            case 0x63: // RRA izx
            {
                int ea = IndirectX();
                { byte value = Read(ea); Write(ea, value); Write(ea, Rra(value)); }
                return 8;
            }
            case 0x64: // NOP zp
            {
                int ea = ZeroPage();
                Read(ea);
                return 3;
            }
            case 0x65: // ADC zp
            {
                int ea = ZeroPage();
                Adc(Read(ea));
                return 3;
            }
            case 0x66: // ROR zp
            {
                int ea = ZeroPage();
                { byte value = Read(ea); Write(ea, value); Write(ea, Ror(value)); }
                return 5;
            }
            case 0x67: // RRA zp
            {
                int ea = ZeroPage();
                { byte value = Read(ea); Write(ea, value); Write(ea, Rra(value)); }
                return 5;
            }
            case 0x68: // PLA imp
            {
                A = Pull(); SetNz(A);
                return 4;
            }
            case 0x69: // ADC imm
            {
                Adc(ReadImmediate());
                return 2;
            }
            case 0x6A: // RORA acc
            {
                A = Ror(A);
                return 2;
            }
            case 0x6B: // ARR imm
            {
                Arr(ReadImmediate());
                return 2;
            }
            case 0x6C: // JMPI ind
            {
                { int pointer = Absolute(); PC = (ushort)(Read(pointer) | (Read((pointer & 0xFF00) | ((pointer + 1) & 0xFF)) << 8)); }
                return 5;
            }
            case 0x6D: // ADC abs
            {
                int ea = Absolute();
                Adc(Read(ea));
                return 4;
            }
            case 0x6E: // ROR abs
            {
                int ea = Absolute();
                { byte value = Read(ea); Write(ea, value); Write(ea, Ror(value)); }
                return 6;
            }
            case 0x6F: // RRA abs
            {
                int ea = Absolute();
                { byte value = Read(ea); Write(ea, value); Write(ea, Rra(value)); }
                return 6;
            }
            default:
                throw new InvalidOperationException();
        }
    }

    private int Execute7(byte op)
    {
        switch (op)
        {
            case 0x70: // BVS rel
            {
                return Branch(V);
            }
            case 0x71: // ADC izy
            {
                int ea = IndirectY(out bool crossed);
                Adc(Read(ea));
                if (crossed) { return 6; }
                return 5;
            }
            case 0x72: // JAM imp
            {
                Jam(op); return 0;
            }
            case 0x73: // RRA izy
            {
                int ea = IndirectY(out bool crossed);
                _ = crossed;
                { byte value = Read(ea); Write(ea, value); Write(ea, Rra(value)); }
                return 8;
            }
            case 0x74: // NOP zpx
            {
                int ea = ZeroPageX();
                Read(ea);
                return 4;
            }
            case 0x75: // ADC zpx
            {
                int ea = ZeroPageX();
                Adc(Read(ea));
                return 4;
            }
            case 0x76: // ROR zpx
            {
                int ea = ZeroPageX();
                { byte value = Read(ea); Write(ea, value); Write(ea, Ror(value)); }
                return 6;
            }
            case 0x77: // RRA zpx
            {
                int ea = ZeroPageX();
                { byte value = Read(ea); Write(ea, value); Write(ea, Rra(value)); }
                return 6;
            }
            case 0x78: // SEI imp
            {
                I = true;
                return 2;
            }
            case 0x79: // ADC aby
            {
                int ea = AbsoluteY(out bool crossed);
                Adc(Read(ea));
                if (crossed) { return 5; }
                return 4;
            }
            case 0x7A: // NOP imp
            {
                return 2;
            }
            case 0x7B: // RRA aby
            {
                int ea = AbsoluteY(out bool crossed);
                _ = crossed;
                { byte value = Read(ea); Write(ea, value); Write(ea, Rra(value)); }
                return 7;
            }
            case 0x7C: // NOP abx
            {
                int ea = AbsoluteX(out bool crossed);
                Read(ea);
                if (crossed) { return 5; }
                return 4;
            }
            case 0x7D: // ADC abx
            {
                int ea = AbsoluteX(out bool crossed);
                Adc(Read(ea));
                if (crossed) { return 5; }
                return 4;
            }
            case 0x7E: // ROR abx
            {
                int ea = AbsoluteX(out bool crossed);
                _ = crossed;
                { byte value = Read(ea); Write(ea, value); Write(ea, Ror(value)); }
                return 7;
            }
            case 0x7F: // RRA abx
            {
                int ea = AbsoluteX(out bool crossed);
                _ = crossed;
                { byte value = Read(ea); Write(ea, value); Write(ea, Rra(value)); }
                return 7;
            }
            default:
                throw new InvalidOperationException();
        }
    }

    private int Execute8(byte op)
    {
        switch (op)
        {
            case 0x80: // NOP imm
            {
                PC++;
                return 2;
            }
            case 0x81: // STA izx
            {
                int ea = IndirectX();
                Write(ea, A);
                return 6;
            }
            case 0x82: // NOP imm
            {
                PC++;
                return 2;
            }
            case 0x83: // SAX izx
            {
                int ea = IndirectX();
                Write(ea, (byte)(A & X));
                return 6;
            }
            case 0x84: // STY zp
            {
                int ea = ZeroPage();
                Write(ea, Y);
                return 3;
            }
            case 0x85: // STA zp
            {
                int ea = ZeroPage();
                Write(ea, A);
                return 3;
            }
            case 0x86: // STX zp
            {
                int ea = ZeroPage();
                Write(ea, X);
                return 3;
            }
            case 0x87: // SAX zp
            {
                int ea = ZeroPage();
                Write(ea, (byte)(A & X));
                return 3;
            }
            case 0x88: // DEY imp
            {
                Y--; SetNz(Y);
                return 2;
            }
            case 0x89: // NOP imm
            {
                PC++;
                return 2;
            }
            case 0x8A: // TXA imp
            {
                A = X; SetNz(A);
                return 2;
            }
            case 0x8B: // XAA imm
            {
                Xaa(ReadImmediate());
                return 2;
            }
            case 0x8C: // STY abs
            {
                int ea = Absolute();
                Write(ea, Y);
                return 4;
            }
            case 0x8D: // STA abs
            {
                int ea = Absolute();
                Write(ea, A);
                return 4;
            }
            case 0x8E: // STX abs
            {
                int ea = Absolute();
                Write(ea, X);
                return 4;
            }
            case 0x8F: // SAX abs
            {
                int ea = Absolute();
                Write(ea, (byte)(A & X));
                return 4;
            }
            default:
                throw new InvalidOperationException();
        }
    }

    private int Execute9(byte op)
    {
        switch (op)
        {
            case 0x90: // BCC rel
            {
                return Branch(!C);
            }
            case 0x91: // STA izy
            {
                int ea = IndirectY(out bool crossed);
                _ = crossed;
                Write(ea, A);
                return 6;
            }
            case 0x92: // JAM imp
            {
                Jam(op); return 0;
            }
            case 0x93: // SHA izy
            {
                int ea = IndirectY(out bool crossed);
                _ = crossed;
                Write(ea, (byte)(A & X & ((ea >> 8) + 1)));
                return 6;
            }
            case 0x94: // STY zpx
            {
                int ea = ZeroPageX();
                Write(ea, Y);
                return 4;
            }
            case 0x95: // STA zpx
            {
                int ea = ZeroPageX();
                Write(ea, A);
                return 4;
            }
            case 0x96: // STX zpy
            {
                int ea = ZeroPageY();
                Write(ea, X);
                return 4;
            }
            case 0x97: // SAX zpy
            {
                int ea = ZeroPageY();
                Write(ea, (byte)(A & X));
                return 4;
            }
            case 0x98: // TYA imp
            {
                A = Y; SetNz(A);
                return 2;
            }
            case 0x99: // STA aby
            {
                int ea = AbsoluteY(out bool crossed);
                _ = crossed;
                Write(ea, A);
                return 5;
            }
            case 0x9A: // TXS imp
            {
                S = X;
                return 2;
            }
            case 0x9B: // TAS aby
            {
                int ea = AbsoluteY(out bool crossed);
                _ = crossed;
                S = (byte)(A & X); Write(ea, (byte)(S & ((ea >> 8) + 1)));
                return 5;
            }
            case 0x9C: // SHY abx
            {
                int ea = AbsoluteX(out bool crossed);
                _ = crossed;
                Write(ea, (byte)(Y & ((ea >> 8) + 1)));
                return 5;
            }
            case 0x9D: // STA abx
            {
                int ea = AbsoluteX(out bool crossed);
                _ = crossed;
                Write(ea, A);
                return 5;
            }
            case 0x9E: // SHX aby
            {
                int ea = AbsoluteY(out bool crossed);
                _ = crossed;
                Write(ea, (byte)(X & ((ea >> 8) + 1)));
                return 5;
            }
            case 0x9F: // SHA aby
            {
                int ea = AbsoluteY(out bool crossed);
                _ = crossed;
                Write(ea, (byte)(A & X & ((ea >> 8) + 1)));
                return 5;
            }
            default:
                throw new InvalidOperationException();
        }
    }

    private int Execute10(byte op)
    {
        switch (op)
        {
            case 0xA0: // LDY imm
            {
                Ldy(ReadImmediate());
                return 2;
            }
            case 0xA1: // LDA izx
            {
                int ea = IndirectX();
                Lda(Read(ea));
                return 6;
            }
            case 0xA2: // LDX imm
            {
                Ldx(ReadImmediate());
                return 2;
            }
            case 0xA3: // LAX izx
            {
                int ea = IndirectX();
                Lax(Read(ea));
                return 6;
            }
            case 0xA4: // LDY zp
            {
                int ea = ZeroPage();
                Ldy(Read(ea));
                return 3;
            }
            case 0xA5: // LDA zp
            {
                int ea = ZeroPage();
                Lda(Read(ea));
                return 3;
            }
            case 0xA6: // LDX zp
            {
                int ea = ZeroPage();
                Ldx(Read(ea));
                return 3;
            }
            case 0xA7: // LAX zp
            {
                int ea = ZeroPage();
                Lax(Read(ea));
                return 3;
            }
            case 0xA8: // TAY imp
            {
                Y = A; SetNz(Y);
                return 2;
            }
            case 0xA9: // LDA imm
            {
                Lda(ReadImmediate());
                return 2;
            }
            case 0xAA: // TAX imp
            {
                X = A; SetNz(X);
                return 2;
            }
            case 0xAB: // LXA imm
            {
                Lxa(ReadImmediate());
                return 2;
            }
            case 0xAC: // LDY abs
            {
                int ea = Absolute();
                Ldy(Read(ea));
                return 4;
            }
            case 0xAD: // LDA abs
            {
                int ea = Absolute();
                Lda(Read(ea));
                return 4;
            }
            case 0xAE: // LDX abs
            {
                int ea = Absolute();
                Ldx(Read(ea));
                return 4;
            }
            case 0xAF: // LAX abs
            {
                int ea = Absolute();
                Lax(Read(ea));
                return 4;
            }
            default:
                throw new InvalidOperationException();
        }
    }

    private int Execute11(byte op)
    {
        switch (op)
        {
            case 0xB0: // BCS rel
            {
                return Branch(C);
            }
            case 0xB1: // LDA izy
            {
                int ea = IndirectY(out bool crossed);
                Lda(Read(ea));
                if (crossed) { return 6; }
                return 5;
            }
            case 0xB2: // JAM imp
            {
                Jam(op); return 0;
            }
            case 0xB3: // LAX izy
            {
                int ea = IndirectY(out bool crossed);
                Lax(Read(ea));
                if (crossed) { return 6; }
                return 5;
            }
            case 0xB4: // LDY zpx
            {
                int ea = ZeroPageX();
                Ldy(Read(ea));
                return 4;
            }
            case 0xB5: // LDA zpx
            {
                int ea = ZeroPageX();
                Lda(Read(ea));
                return 4;
            }
            case 0xB6: // LDX zpy
            {
                int ea = ZeroPageY();
                Ldx(Read(ea));
                return 4;
            }
            case 0xB7: // LAX zpy
            {
                int ea = ZeroPageY();
                Lax(Read(ea));
                return 4;
            }
            case 0xB8: // CLV imp
            {
                V = false;
                return 2;
            }
            case 0xB9: // LDA aby
            {
                int ea = AbsoluteY(out bool crossed);
                Lda(Read(ea));
                if (crossed) { return 5; }
                return 4;
            }
            case 0xBA: // TSX imp
            {
                X = S; SetNz(X);
                return 2;
            }
            case 0xBB: // LAS aby
            {
                int ea = AbsoluteY(out bool crossed);
                Las(Read(ea));
                if (crossed) { return 5; }
                return 4;
            }
            case 0xBC: // LDY abx
            {
                int ea = AbsoluteX(out bool crossed);
                Ldy(Read(ea));
                if (crossed) { return 5; }
                return 4;
            }
            case 0xBD: // LDA abx
            {
                int ea = AbsoluteX(out bool crossed);
                Lda(Read(ea));
                if (crossed) { return 5; }
                return 4;
            }
            case 0xBE: // LDX aby
            {
                int ea = AbsoluteY(out bool crossed);
                Ldx(Read(ea));
                if (crossed) { return 5; }
                return 4;
            }
            case 0xBF: // LAX aby
            {
                int ea = AbsoluteY(out bool crossed);
                Lax(Read(ea));
                if (crossed) { return 5; }
                return 4;
            }
            default:
                throw new InvalidOperationException();
        }
    }

    private int Execute12(byte op)
    {
        switch (op)
        {
            case 0xC0: // CPY imm
            {
                Cpy(ReadImmediate());
                return 2;
            }
            case 0xC1: // CMP izx
            {
                int ea = IndirectX();
                Cmp(Read(ea));
                return 6;
            }
            case 0xC2: // NOP imm
            {
                PC++;
                return 2;
            }
            case 0xC3: // DCP izx
            {
                int ea = IndirectX();
                { byte value = Read(ea); Write(ea, value); Write(ea, Dcp(value)); }
                return 8;
            }
            case 0xC4: // CPY zp
            {
                int ea = ZeroPage();
                Cpy(Read(ea));
                return 3;
            }
            case 0xC5: // CMP zp
            {
                int ea = ZeroPage();
                Cmp(Read(ea));
                return 3;
            }
            case 0xC6: // DEC zp
            {
                int ea = ZeroPage();
                { byte value = Read(ea); Write(ea, value); Write(ea, Dec(value)); }
                return 5;
            }
            case 0xC7: // DCP zp
            {
                int ea = ZeroPage();
                { byte value = Read(ea); Write(ea, value); Write(ea, Dcp(value)); }
                return 5;
            }
            case 0xC8: // INY imp
            {
                Y++; SetNz(Y);
                return 2;
            }
            case 0xC9: // CMP imm
            {
                Cmp(ReadImmediate());
                return 2;
            }
            case 0xCA: // DEX imp
            {
                X--; SetNz(X);
                return 2;
            }
            case 0xCB: // SBX imm
            {
                Sbx(ReadImmediate());
                return 2;
            }
            case 0xCC: // CPY abs
            {
                int ea = Absolute();
                Cpy(Read(ea));
                return 4;
            }
            case 0xCD: // CMP abs
            {
                int ea = Absolute();
                Cmp(Read(ea));
                return 4;
            }
            case 0xCE: // DEC abs
            {
                int ea = Absolute();
                { byte value = Read(ea); Write(ea, value); Write(ea, Dec(value)); }
                return 6;
            }
            case 0xCF: // DCP abs
            {
                int ea = Absolute();
                { byte value = Read(ea); Write(ea, value); Write(ea, Dcp(value)); }
                return 6;
            }
            default:
                throw new InvalidOperationException();
        }
    }

    private int Execute13(byte op)
    {
        switch (op)
        {
            case 0xD0: // BNE rel
            {
                return Branch(!Z);
            }
            case 0xD1: // CMP izy
            {
                int ea = IndirectY(out bool crossed);
                Cmp(Read(ea));
                if (crossed) { return 6; }
                return 5;
            }
            case 0xD2: // JAM imp
            {
                Jam(op); return 0;
            }
            case 0xD3: // DCP izy
            {
                int ea = IndirectY(out bool crossed);
                _ = crossed;
                { byte value = Read(ea); Write(ea, value); Write(ea, Dcp(value)); }
                return 8;
            }
            case 0xD4: // NOP zpx
            {
                int ea = ZeroPageX();
                Read(ea);
                return 4;
            }
            case 0xD5: // CMP zpx
            {
                int ea = ZeroPageX();
                Cmp(Read(ea));
                return 4;
            }
            case 0xD6: // DEC zpx
            {
                int ea = ZeroPageX();
                { byte value = Read(ea); Write(ea, value); Write(ea, Dec(value)); }
                return 6;
            }
            case 0xD7: // DCP zpx
            {
                int ea = ZeroPageX();
                { byte value = Read(ea); Write(ea, value); Write(ea, Dcp(value)); }
                return 6;
            }
            case 0xD8: // CLD imp
            {
                D = false;
                return 2;
            }
            case 0xD9: // CMP aby
            {
                int ea = AbsoluteY(out bool crossed);
                Cmp(Read(ea));
                if (crossed) { return 5; }
                return 4;
            }
            case 0xDA: // NOP imp
            {
                return 2;
            }
            case 0xDB: // DCP aby
            {
                int ea = AbsoluteY(out bool crossed);
                _ = crossed;
                { byte value = Read(ea); Write(ea, value); Write(ea, Dcp(value)); }
                return 7;
            }
            case 0xDC: // NOP abx
            {
                int ea = AbsoluteX(out bool crossed);
                Read(ea);
                if (crossed) { return 5; }
                return 4;
            }
            case 0xDD: // CMP abx
            {
                int ea = AbsoluteX(out bool crossed);
                Cmp(Read(ea));
                if (crossed) { return 5; }
                return 4;
            }
            case 0xDE: // DEC abx
            {
                int ea = AbsoluteX(out bool crossed);
                _ = crossed;
                { byte value = Read(ea); Write(ea, value); Write(ea, Dec(value)); }
                return 7;
            }
            case 0xDF: // DCP abx
            {
                int ea = AbsoluteX(out bool crossed);
                _ = crossed;
                { byte value = Read(ea); Write(ea, value); Write(ea, Dcp(value)); }
                return 7;
            }
            default:
                throw new InvalidOperationException();
        }
    }

    private int Execute14(byte op)
    {
        switch (op)
        {
            case 0xE0: // CPX imm
            {
                Cpx(ReadImmediate());
                return 2;
            }
            case 0xE1: // SBC izx
            {
                int ea = IndirectX();
                Sbc(Read(ea));
                return 6;
            }
            case 0xE2: // NOP imm
            {
                PC++;
                return 2;
            }
            case 0xE3: // ISC izx
            {
                int ea = IndirectX();
                { byte value = Read(ea); Write(ea, value); Write(ea, Isc(value)); }
                return 8;
            }
            case 0xE4: // CPX zp
            {
                int ea = ZeroPage();
                Cpx(Read(ea));
                return 3;
            }
            case 0xE5: // SBC zp
            {
                int ea = ZeroPage();
                Sbc(Read(ea));
                return 3;
            }
            case 0xE6: // INC zp
            {
                int ea = ZeroPage();
                { byte value = Read(ea); Write(ea, value); Write(ea, Inc(value)); }
                return 5;
            }
            case 0xE7: // ISC zp
            {
                int ea = ZeroPage();
                { byte value = Read(ea); Write(ea, value); Write(ea, Isc(value)); }
                return 5;
            }
            case 0xE8: // INX imp
            {
                X++; SetNz(X);
                return 2;
            }
            case 0xE9: // SBC imm
            {
                Sbc(ReadImmediate());
                return 2;
            }
            case 0xEA: // NOP imp
            {
                return 2;
            }
            case 0xEB: // SBC imm
            {
                Sbc(ReadImmediate());
                return 2;
            }
            case 0xEC: // CPX abs
            {
                int ea = Absolute();
                Cpx(Read(ea));
                return 4;
            }
            case 0xED: // SBC abs
            {
                int ea = Absolute();
                Sbc(Read(ea));
                return 4;
            }
            case 0xEE: // INC abs
            {
                int ea = Absolute();
                { byte value = Read(ea); Write(ea, value); Write(ea, Inc(value)); }
                return 6;
            }
            case 0xEF: // ISC abs
            {
                int ea = Absolute();
                { byte value = Read(ea); Write(ea, value); Write(ea, Isc(value)); }
                return 6;
            }
            default:
                throw new InvalidOperationException();
        }
    }

    private int Execute15(byte op)
    {
        switch (op)
        {
            case 0xF0: // BEQ rel
            {
                return Branch(Z);
            }
            case 0xF1: // SBC izy
            {
                int ea = IndirectY(out bool crossed);
                Sbc(Read(ea));
                if (crossed) { return 6; }
                return 5;
            }
            case 0xF2: // JAM imp
            {
                Jam(op); return 0;
            }
            case 0xF3: // ISC izy
            {
                int ea = IndirectY(out bool crossed);
                _ = crossed;
                { byte value = Read(ea); Write(ea, value); Write(ea, Isc(value)); }
                return 8;
            }
            case 0xF4: // NOP zpx
            {
                int ea = ZeroPageX();
                Read(ea);
                return 4;
            }
            case 0xF5: // SBC zpx
            {
                int ea = ZeroPageX();
                Sbc(Read(ea));
                return 4;
            }
            case 0xF6: // INC zpx
            {
                int ea = ZeroPageX();
                { byte value = Read(ea); Write(ea, value); Write(ea, Inc(value)); }
                return 6;
            }
            case 0xF7: // ISC zpx
            {
                int ea = ZeroPageX();
                { byte value = Read(ea); Write(ea, value); Write(ea, Isc(value)); }
                return 6;
            }
            case 0xF8: // SED imp
            {
                D = true;
                return 2;
            }
            case 0xF9: // SBC aby
            {
                int ea = AbsoluteY(out bool crossed);
                Sbc(Read(ea));
                if (crossed) { return 5; }
                return 4;
            }
            case 0xFA: // NOP imp
            {
                return 2;
            }
            case 0xFB: // ISC aby
            {
                int ea = AbsoluteY(out bool crossed);
                _ = crossed;
                { byte value = Read(ea); Write(ea, value); Write(ea, Isc(value)); }
                return 7;
            }
            case 0xFC: // NOP abx
            {
                int ea = AbsoluteX(out bool crossed);
                Read(ea);
                if (crossed) { return 5; }
                return 4;
            }
            case 0xFD: // SBC abx
            {
                int ea = AbsoluteX(out bool crossed);
                Sbc(Read(ea));
                if (crossed) { return 5; }
                return 4;
            }
            case 0xFE: // INC abx
            {
                int ea = AbsoluteX(out bool crossed);
                _ = crossed;
                { byte value = Read(ea); Write(ea, value); Write(ea, Inc(value)); }
                return 7;
            }
            case 0xFF: // ISC abx
            {
                int ea = AbsoluteX(out bool crossed);
                _ = crossed;
                { byte value = Read(ea); Write(ea, value); Write(ea, Isc(value)); }
                return 7;
            }
            default:
                throw new InvalidOperationException();
        }
    }
}
