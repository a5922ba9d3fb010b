using SidFlow.Emulation;
using Xunit;

namespace SidFlow.Emulation.Tests;

/// <summary>
/// One table per opcode family, written from the documented NMOS 6502 behaviour (MOS programming manual,
/// the "NMOS 6510 unintended opcodes" paper, Bruce Clark's decimal-mode notes): registers, flags, memory and cycles.
/// </summary>
public sealed class Cpu6510Tests
{
    private static readonly OpcodeCase[] LoadStore =
    [
        new("LDA imm zero", "A9 00", new(A: 0x55), new(A: 0x00, Flags: "Z"), 2),
        new("LDA imm negative", "A9 80", new(), new(A: 0x80, Flags: "N"), 2),
        new("LDA zp", "A5 10", new(), new(A: 0x42), 3, "0010=42"),
        new("LDA zp,X wraps in page zero", "B5 F0", new(X: 0x20), new(A: 0x33, X: 0x20), 4, "0010=33"),
        new("LDA abs", "AD 34 12", new(), new(A: 0x7F), 4, "1234=7F"),
        new("LDA abs,X same page", "BD 00 12", new(X: 0x10), new(A: 0x01, X: 0x10), 4, "1210=01"),
        new("LDA abs,X page cross +1", "BD F0 12", new(X: 0x20), new(A: 0x02, X: 0x20), 5, "1310=02"),
        new("LDA abs,Y page cross +1", "B9 FF 12", new(Y: 0x01), new(A: 0x03, Y: 0x01), 5, "1300=03"),
        new("LDA (zp,X)", "A1 10", new(X: 0x04), new(A: 0x99, X: 0x04, Flags: "N"), 6, "0014=00 0015=30 3000=99"),
        new("LDA (zp),Y same page", "B1 10", new(Y: 0x05), new(A: 0x11, Y: 0x05), 5, "0010=00 0011=30 3005=11"),
        new("LDA (zp),Y page cross +1", "B1 10", new(Y: 0x10), new(A: 0x22, Y: 0x10), 6, "0010=F8 0011=30 3108=22"),
        new("LDA (zp),Y pointer wraps at $FF", "B1 FF", new(), new(A: 0x44), 5, "00FF=00 0000=40 4000=44"),
        new("LDX zp,Y", "B6 10", new(Y: 0x02), new(X: 0x80, Y: 0x02, Flags: "N"), 4, "0012=80"),
        new("LDY abs,X page cross +1", "BC FF 20", new(X: 0x01), new(Y: 0x05, X: 0x01), 5, "2100=05"),
        new("STA zp leaves flags", "85 10", new(A: 0x00, Flags: "N"), new(A: 0x00, Flags: "N"), 3, "", "0010=00"),
        new("STA abs,X always 5", "9D 00 20", new(A: 0x12, X: 0x01), new(A: 0x12, X: 0x01), 5, "", "2001=12"),
        new("STA (zp),Y always 6", "91 10", new(A: 0x34, Y: 0x01), new(A: 0x34, Y: 0x01), 6, "0010=00 0011=30", "3001=34"),
        new("STX zp,Y", "96 10", new(X: 0x56, Y: 0x01), new(X: 0x56, Y: 0x01), 4, "", "0011=56"),
        new("STY abs", "8C 00 40", new(Y: 0x78), new(Y: 0x78), 4, "", "4000=78"),
    ];

    private static readonly OpcodeCase[] Arithmetic =
    [
        new("ADC binary overflow", "69 50", new(A: 0x50), new(A: 0xA0, Flags: "NV"), 2),
        new("ADC binary carry and zero", "69 01", new(A: 0xFF), new(A: 0x00, Flags: "ZC"), 2),
        new("ADC binary carry in", "69 10", new(A: 0x01, Flags: "C"), new(A: 0x12), 2),
        new("ADC negative overflow", "69 80", new(A: 0x80), new(A: 0x00, Flags: "VZC"), 2),
        new("SBC binary borrow", "E9 F0", new(A: 0x50, Flags: "C"), new(A: 0x60), 2),
        new("SBC binary without carry subtracts one more", "E9 01", new(A: 0x05), new(A: 0x03, Flags: "C"), 2),
        new("SBC signed overflow", "E9 01", new(A: 0x80, Flags: "C"), new(A: 0x7F, Flags: "VC"), 2),
        new("ADC decimal with carry out: N and V from the intermediate", "69 46", new(A: 0x58, Flags: "DC"), new(A: 0x05, Flags: "NVDC"), 2),
        new("ADC decimal 99+01: Z from binary sum, N from the intermediate", "69 01", new(A: 0x99, Flags: "D"), new(A: 0x00, Flags: "NDC"), 2),
        new("ADC decimal 12+34", "69 34", new(A: 0x12, Flags: "D"), new(A: 0x46, Flags: "D"), 2),
        new("SBC decimal 46-12", "E9 12", new(A: 0x46, Flags: "DC"), new(A: 0x34, Flags: "DC"), 2),
        new("SBC decimal 00-01 borrows to 99, flags from binary", "E9 01", new(A: 0x00, Flags: "DC"), new(A: 0x99, Flags: "ND"), 2),
        new("CMP equal", "C9 40", new(A: 0x40), new(A: 0x40, Flags: "ZC"), 2),
        new("CMP less", "C9 41", new(A: 0x40), new(A: 0x40, Flags: "N"), 2),
        new("CPX zp greater", "E4 10", new(X: 0x90), new(X: 0x90, Flags: "NC"), 3, "0010=10"),
        new("CPY abs", "CC 00 30", new(Y: 0x00), new(Y: 0x00, Flags: "N"), 4, "3000=01"),
        new("INC zp wraps", "E6 10", new(), new(Flags: "Z"), 5, "0010=FF", "0010=00"),
        new("DEC abs,X 7 cycles", "DE 00 30", new(X: 0x02), new(X: 0x02, Flags: "N"), 7, "3002=00", "3002=FF"),
        new("INX wraps", "E8", new(X: 0xFF), new(X: 0x00, Flags: "Z"), 2),
        new("DEY to negative", "88", new(Y: 0x00), new(Y: 0xFF, Flags: "N"), 2),
    ];

    private static readonly OpcodeCase[] LogicAndShifts =
    [
        new("AND imm", "29 0F", new(A: 0x3C), new(A: 0x0C), 2),
        new("ORA zp", "05 10", new(A: 0x01), new(A: 0x81, Flags: "N"), 3, "0010=80"),
        new("EOR imm to zero", "49 FF", new(A: 0xFF), new(A: 0x00, Flags: "Z"), 2),
        new("BIT takes N and V from memory, Z from A AND M", "24 10", new(A: 0x01), new(A: 0x01, Flags: "NVZ"), 3, "0010=C0"),
        new("ASL A", "0A", new(A: 0x81), new(A: 0x02, Flags: "C"), 2),
        new("LSR A", "4A", new(A: 0x01), new(A: 0x00, Flags: "ZC"), 2),
        new("ROL A through carry", "2A", new(A: 0x80, Flags: "C"), new(A: 0x01, Flags: "C"), 2),
        new("ROR A through carry", "6A", new(A: 0x01, Flags: "C"), new(A: 0x80, Flags: "NC"), 2),
        new("ASL zp", "06 10", new(), new(Flags: "N"), 5, "0010=40", "0010=80"),
        new("LSR abs,X", "5E 00 30", new(X: 0x01), new(X: 0x01, Flags: "C"), 7, "3001=03", "3001=01"),
        new("ROL abs", "2E 00 30", new(Flags: "C"), new(Flags: "C"), 6, "3000=80", "3000=01"),
        new("ROR zp,X", "76 10", new(X: 0x01), new(X: 0x01, Flags: "Z"), 6, "0011=00", "0011=00"),
    ];

    private static readonly OpcodeCase[] TransfersStackAndFlags =
    [
        new("TAX", "AA", new(A: 0x80), new(A: 0x80, X: 0x80, Flags: "N"), 2),
        new("TYA", "98", new(Y: 0x00, A: 0x12), new(Flags: "Z"), 2),
        new("TSX", "BA", new(S: 0xF0), new(X: 0xF0, S: 0xF0, Flags: "N"), 2),
        new("TXS sets no flags", "9A", new(X: 0x00), new(X: 0x00, S: 0x00), 2),
        new("PHA", "48", new(A: 0x12), new(A: 0x12, S: 0xFE), 3, "", "01FF=12"),
        new("PLA sets flags", "68", new(S: 0xFE), new(A: 0x00, S: 0xFF, Flags: "Z"), 4, "01FF=00"),
        new("PHP pushes B and bit 5", "08", new(Flags: "NC"), new(Flags: "NC", S: 0xFE), 3, "", "01FF=B1"),
        new("PLP", "28", new(S: 0xFE), new(Flags: "VDIZ", S: 0xFF), 4, "01FF=4E"),
        new("SEC", "38", new(), new(Flags: "C"), 2),
        new("CLC", "18", new(Flags: "C"), new(), 2),
        new("SEI", "78", new(), new(Flags: "I"), 2),
        new("CLI", "58", new(Flags: "I"), new(), 2),
        new("SED", "F8", new(), new(Flags: "D"), 2),
        new("CLD", "D8", new(Flags: "D"), new(), 2),
        new("CLV", "B8", new(Flags: "V"), new(), 2),
        new("NOP", "EA", new(A: 1), new(A: 1), 2),
    ];

    private static readonly OpcodeCase[] Control =
    [
        new("BNE not taken", "D0 10", new(Flags: "Z"), new(Flags: "Z"), 2, Pc: 0x0202),
        new("BNE taken same page", "D0 10", new(), new(), 3, Pc: 0x0212),
        new("BNE taken backwards", "D0 FC", new(), new(), 3, Origin: 0x0210, Pc: 0x020E),
        new("BNE taken backwards across a page", "D0 FC", new(), new(), 4, Pc: 0x01FE),
        new("BEQ taken across a page", "F0 20", new(Flags: "Z"), new(Flags: "Z"), 4, Origin: 0x02F0, Pc: 0x0312),
        new("BCS taken", "B0 02", new(Flags: "C"), new(Flags: "C"), 3, Pc: 0x0204),
        new("BMI not taken", "30 02", new(), new(), 2, Pc: 0x0202),
        new("BVC taken", "50 02", new(), new(), 3, Pc: 0x0204),
        new("JMP abs", "4C 34 12", new(), new(), 3, Pc: 0x1234),
        new("JMP (ind) wraps within the page", "6C FF 30", new(), new(), 5, "30FF=78 3000=56 3100=FF", Pc: 0x5678),
        new("JSR pushes the address of its last byte", "20 34 12", new(), new(S: 0xFD), 6, "", "01FF=02 01FE=02", Pc: 0x1234),
        new("RTS", "60", new(S: 0xFD), new(S: 0xFF), 6, "01FE=33 01FF=12", Pc: 0x1234),
        new("RTI restores flags and PC", "40", new(S: 0xFC), new(S: 0xFF, Flags: "NC"), 6, "01FD=81 01FE=34 01FF=12", Pc: 0x1234),
        new("BRK pushes PC+2 and P with B, sets I", "00 EA", new(Flags: "C"), new(S: 0xFC, Flags: "IC"), 7, "FFFE=00 FFFF=80", "01FF=02 01FE=02 01FD=31", Pc: 0x8000),
    ];

    private static readonly OpcodeCase[] Undocumented =
    [
        new("LAX zp", "A7 10", new(), new(A: 0x81, X: 0x81, Flags: "N"), 3, "0010=81"),
        new("LAX (zp),Y page cross +1", "B3 10", new(Y: 0xFF), new(A: 0x05, X: 0x05, Y: 0xFF), 6, "0010=01 0011=30 3100=05"),
        new("SAX zp stores A AND X, no flags", "87 10", new(A: 0xF0, X: 0x3C), new(A: 0xF0, X: 0x3C), 3, "", "0010=30"),
        new("DCP zp decrements then compares", "C7 10", new(A: 0x40), new(A: 0x40, Flags: "ZC"), 5, "0010=41", "0010=40"),
        new("DCP abs,X 7 cycles", "DF 00 30", new(A: 0x00, X: 0x01), new(A: 0x00, X: 0x01, Flags: "ZC"), 7, "3001=01", "3001=00"),
        new("DCP (zp),Y 8 cycles, no page penalty", "D3 10", new(A: 0x10, Y: 0xFF), new(A: 0x10, Y: 0xFF, Flags: "C"), 8, "0010=01 0011=30 3100=06", "3100=05"),
        new("ISC zp increments then subtracts", "E7 10", new(A: 0x10, Flags: "C"), new(A: 0x0F, Flags: "C"), 5, "0010=00", "0010=01"),
        new("SLO zp shifts then ORs", "07 10", new(A: 0x01), new(A: 0x03, Flags: "C"), 5, "0010=81", "0010=02"),
        new("RLA zp rotates then ANDs", "27 10", new(A: 0xFF, Flags: "C"), new(A: 0x03, Flags: "C"), 5, "0010=81", "0010=03"),
        new("SRE zp shifts right then EORs", "47 10", new(A: 0xFF), new(A: 0xBF, Flags: "NC"), 5, "0010=81", "0010=40"),
        new("RRA zp rotates right then adds", "67 10", new(A: 0x01), new(A: 0x42), 5, "0010=81", "0010=40"),
        new("ANC copies N into C", "0B 80", new(A: 0xFF), new(A: 0x80, Flags: "NC"), 2),
        new("ALR ANDs then shifts right", "4B 03", new(A: 0xFF), new(A: 0x01, Flags: "C"), 2),
        new("ARR C from bit 6, V from bit 6 XOR bit 5", "6B FF", new(A: 0x40), new(A: 0x20, Flags: "V"), 2),
        new("ARR with carry in", "6B FF", new(A: 0xFF, Flags: "C"), new(A: 0xFF, Flags: "NC"), 2),
        new("SBX X = (A AND X) - imm", "CB 10", new(A: 0xF0, X: 0x3C), new(A: 0xF0, X: 0x20, Flags: "C"), 2),
        new("SBC imm $EB", "EB 01", new(A: 0x05, Flags: "C"), new(A: 0x04, Flags: "C"), 2),
        new("NOP implied $1A", "1A", new(A: 1), new(A: 1), 2),
        new("NOP imm $80", "80 FF", new(), new(), 2, Pc: 0x0202),
        new("NOP zp $04", "04 10", new(), new(), 3, Pc: 0x0202),
        new("NOP abs $0C", "0C 00 30", new(), new(), 4, Pc: 0x0203),
        new("NOP abs,X $1C page cross +1", "1C FF 30", new(X: 1), new(X: 1), 5, Pc: 0x0203),
    ];

    public static TheoryData<string> LoadStoreCases => Names(LoadStore);

    public static TheoryData<string> ArithmeticCases => Names(Arithmetic);

    public static TheoryData<string> LogicAndShiftCases => Names(LogicAndShifts);

    public static TheoryData<string> TransferStackAndFlagCases => Names(TransfersStackAndFlags);

    public static TheoryData<string> ControlCases => Names(Control);

    public static TheoryData<string> UndocumentedCases => Names(Undocumented);

    [Theory]
    [MemberData(nameof(LoadStoreCases))]
    public void Step_LoadStore_MatchesDocumentedBehaviour(string name) => Check(LoadStore, name);

    [Theory]
    [MemberData(nameof(ArithmeticCases))]
    public void Step_Arithmetic_MatchesDocumentedBehaviour(string name) => Check(Arithmetic, name);

    [Theory]
    [MemberData(nameof(LogicAndShiftCases))]
    public void Step_LogicAndShifts_MatchDocumentedBehaviour(string name) => Check(LogicAndShifts, name);

    [Theory]
    [MemberData(nameof(TransferStackAndFlagCases))]
    public void Step_TransfersStackAndFlags_MatchDocumentedBehaviour(string name) => Check(TransfersStackAndFlags, name);

    [Theory]
    [MemberData(nameof(ControlCases))]
    public void Step_BranchesJumpsAndBrk_MatchDocumentedBehaviour(string name) => Check(Control, name);

    [Theory]
    [MemberData(nameof(UndocumentedCases))]
    public void Step_UndocumentedOpcodes_MatchDocumentedBehaviour(string name) => Check(Undocumented, name);

    [Fact]
    public void Step_IrqWithInterruptsEnabled_PushesStateWithoutBreakAndVectors()
    {
        var rig = new CpuRig();
        rig.Load(0x0200, [0xEA]);
        rig.Set(new Registers(Flags: "C"));
        rig.Bus.Ram[0xFFFE] = 0x00;
        rig.Bus.Ram[0xFFFF] = 0x90;
        rig.Bus.IrqLine = true;

        int cycles = rig.Cpu.Step();

        Assert.Equal((7, 0x9000, 0xFC), (cycles, (int)rig.Cpu.PC, (int)rig.Cpu.S));
        Assert.Equal(new byte[] { 0x21, 0x00, 0x02 }, rig.Bus.Ram[0x01FD..0x0200]);
        Assert.True(rig.Cpu.I);
    }

    [Fact]
    public void Step_IrqWithInterruptsDisabled_RunsTheNextInstruction()
    {
        var rig = new CpuRig();
        rig.Load(0x0200, [0xE8]);
        rig.Set(new Registers(Flags: "I"));
        rig.Bus.IrqLine = true;

        int cycles = rig.Cpu.Step();

        Assert.Equal((2, 0x0201, 1), (cycles, (int)rig.Cpu.PC, (int)rig.Cpu.X));
    }

    [Fact]
    public void Step_NmiWithInterruptsDisabled_IsTakenOnce()
    {
        var rig = new CpuRig();
        rig.Load(0x0200, [0xEA, 0xEA]);
        rig.Set(new Registers(Flags: "I"));
        rig.Bus.Ram[0xFFFA] = 0x00;
        rig.Bus.Ram[0xFFFB] = 0xA0;
        rig.Bus.Ram[0xA000] = 0xEA;
        rig.Bus.NmiPending = true;

        int first = rig.Cpu.Step();
        int second = rig.Cpu.Step();

        Assert.Equal((7, 2, 0xA001), (first, second, (int)rig.Cpu.PC));
        Assert.Equal(0x24, rig.Bus.Ram[0x01FD]);
    }

    [Theory]
    [InlineData(0x02)]
    [InlineData(0x12)]
    [InlineData(0xF2)]
    public void Step_Jam_StopsTheCpuAndNamesTheOpcode(int opcode)
    {
        var rig = new CpuRig();
        rig.Load(0x0200, [(byte)opcode]);

        int cycles = rig.Cpu.Step();
        int again = rig.Cpu.Step();

        Assert.Equal((0, 0, opcode, 0x0200), (cycles, again, rig.Cpu.JammedOpcode, (int)rig.Cpu.PC));
    }

    private static TheoryData<string> Names(OpcodeCase[] cases) => new(cases.Select(c => c.Name));

    private static void Check(OpcodeCase[] cases, string name)
    {
        OpcodeCase c = cases.Single(x => x.Name == name);
        var rig = new CpuRig();
        foreach ((int address, byte value) in CpuRig.ParseMemory(c.MemoryBefore))
        {
            rig.Bus.Ram[address] = value;
        }

        byte[] code = CpuRig.ParseCode(c.Code);
        rig.Load(c.Origin, code);
        rig.Set(c.Before);

        int cycles = rig.Cpu.Step();

        Assert.Equal(c.After, rig.Get());
        Assert.Equal(c.Cycles, cycles);
        Assert.Equal(c.Pc ?? c.Origin + code.Length, rig.Cpu.PC);
        foreach ((int address, byte value) in CpuRig.ParseMemory(c.MemoryAfter))
        {
            Assert.True(rig.Bus.Ram[address] == value, $"${address:X4} holds ${rig.Bus.Ram[address]:X2}, expected ${value:X2}");
        }
    }
}
