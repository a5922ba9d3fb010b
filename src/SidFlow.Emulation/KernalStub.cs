namespace SidFlow.Emulation;

/// <summary>
/// Stand-ins for the BASIC and KERNAL ROMs, which the project does not ship. Every ROM byte is RTS, so a
/// call into any ROM routine returns at once; the few places tunes rely on are real 6502 code assembled
/// here: the IRQ entry at $FF48 (save registers, go through $0314/$0316), the IRQ exits at $EA31, $EA7E
/// and $EA81, the NMI entry at $FE43 through $0318 with its default handler at $FE47 and exit at $FEBC,
/// the BRK default at $FE66, and the vectors at $FFFA-$FFFF.
/// </summary>
public static class KernalStub
{
    public const int IrqEntry = 0xFF48;
    public const int IrqHandler = 0xEA31;
    public const int IrqExit = 0xEA81;
    public const int NmiEntry = 0xFE43;
    public const int NmiHandler = 0xFE47;
    public const int BrkHandler = 0xFE66;
    public const int Reset = 0xFCE2;

    private const byte Rts = 0x60;

    public static readonly byte[] Kernal = BuildKernal();
    public static readonly byte[] Basic = Enumerable.Repeat(Rts, 0x2000).ToArray();

    /// <summary>Writes the RAM vectors the KERNAL sets up at power-on.</summary>
    public static void InstallRamVectors(byte[] ram)
    {
        SetWord(ram, 0x0314, IrqHandler);
        SetWord(ram, 0x0316, BrkHandler);
        SetWord(ram, 0x0318, NmiHandler);
    }

    private static byte[] BuildKernal()
    {
        byte[] rom = Enumerable.Repeat(Rts, 0x2000).ToArray();
        // $FF48: PHA TXA PHA TYA PHA; TSX; LDA $0104,X; AND #$10 (the B flag); BEQ irq; JMP ($0316); irq: JMP ($0314)
        Put(rom, IrqEntry, 0x48, 0x8A, 0x48, 0x98, 0x48, 0xBA, 0xBD, 0x04, 0x01, 0x29, 0x10, 0xF0, 0x03, 0x6C, 0x16, 0x03, 0x6C, 0x14, 0x03);
        // $EA31: acknowledge CIA 1 and the VIC, then restore registers: LDA #$FF; STA $D019; $EA7E: LDA $DC0D; $EA81: PLA TAY PLA TAX PLA RTI
        Put(rom, IrqHandler, 0xA9, 0xFF, 0x8D, 0x19, 0xD0, 0x4C, 0x7E, 0xEA);
        Put(rom, 0xEA7E, 0xAD, 0x0D, 0xDC, 0x68, 0xA8, 0x68, 0xAA, 0x68, 0x40);
        // $FE43: SEI; JMP ($0318)
        Put(rom, NmiEntry, 0x78, 0x6C, 0x18, 0x03);
        // $FE47: PHA TXA PHA TYA PHA; LDA $DD0D (acknowledge CIA 2); JMP $FEBC
        Put(rom, NmiHandler, 0x48, 0x8A, 0x48, 0x98, 0x48, 0xAD, 0x0D, 0xDD, 0x4C, 0xBC, 0xFE);
        // $FE66 (BRK): registers were saved at $FF48, so leave through $EA81.
        Put(rom, BrkHandler, 0x4C, 0x81, 0xEA);
        // $FEBC: PLA TAY PLA TAX PLA RTI
        Put(rom, 0xFEBC, 0x68, 0xA8, 0x68, 0xAA, 0x68, 0x40);
        // $FCE2 (reset): there is no BASIC to start, so wait for interrupts.
        Put(rom, Reset, 0x4C, 0xE2, 0xFC);
        Put(rom, 0xFFFA, NmiEntry & 0xFF, NmiEntry >> 8, Reset & 0xFF, Reset >> 8, IrqEntry & 0xFF, IrqEntry >> 8);
        return rom;
    }

    private static void Put(byte[] rom, int address, params int[] bytes)
    {
        for (int i = 0; i < bytes.Length; i++)
        {
            rom[address - 0xE000 + i] = (byte)bytes[i];
        }
    }

    private static void SetWord(byte[] ram, int address, int value)
    {
        ram[address] = (byte)value;
        ram[address + 1] = (byte)(value >> 8);
    }
}
