using Xunit;

namespace SidFlow.Emulation.Tests;

/// <summary>A small program assembled here runs to completion and computes checksums known from their definitions.</summary>
public sealed class Cpu6510ProgramTests
{
    private const int Table = 0x1000;

    [Fact]
    public void Run_ChecksumProgram_ComputesSumRotatingXorAndDecimalCount()
    {
        byte[] table = new byte[256];
        new Random(6510).NextBytes(table);
        var rig = new CpuRig();
        table.CopyTo(rig.Bus.Ram, Table);
        rig.Load(0x0200, ChecksumProgram(0x0200));

        rig.RunUntilIdle(maxInstructions: 10_000);

        (int sum, byte rotating) = Expected(table);
        Assert.Equal(sum, rig.Bus.Ram[0x10] | (rig.Bus.Ram[0x11] << 8));
        Assert.Equal(rotating, rig.Bus.Ram[0x12]);
        Assert.Equal(0x56, rig.Bus.Ram[0x13]); // 256 iterations counted in BCD wrap at 100: "56"
        Assert.False(rig.Cpu.D);
    }

    /// <summary>16-bit sum of the table; c = rol8(c) XOR b over the table; a BCD iteration counter.</summary>
    private static (int Sum, byte Rotating) Expected(byte[] table)
    {
        int sum = 0;
        int c = 0;
        foreach (byte b in table)
        {
            sum = (sum + b) & 0xFFFF;
            c = (((c << 1) | (c >> 7)) & 0xFF) ^ b;
        }

        return (sum, (byte)c);
    }

    private static byte[] ChecksumProgram(int origin)
    {
        var asm = new List<byte>();
        void Emit(params byte[] bytes) => asm.AddRange(bytes);
        int Here() => origin + asm.Count;
        void Branch(byte opcode, int target)
        {
            int offset = target - (Here() + 2);
            Assert.InRange(offset, -128, 127);
            Emit(opcode, (byte)(sbyte)offset);
        }

        Emit(0xA2, 0x00);             // LDX #0
        Emit(0x86, 0x10);             // STX sumLo
        Emit(0x86, 0x11);             // STX sumHi
        Emit(0x86, 0x12);             // STX rotating
        Emit(0x86, 0x13);             // STX bcdCount
        int loop = Here();
        Emit(0xBD, 0x00, 0x10);       // LDA table,X
        Emit(0x18);                   // CLC
        Emit(0x65, 0x10);             // ADC sumLo
        Emit(0x85, 0x10);             // STA sumLo
        Emit(0x90, 0x02);             // BCC +2
        Emit(0xE6, 0x11);             // INC sumHi
        Emit(0xA5, 0x12);             // LDA rotating
        Emit(0x0A);                   // ASL A
        Emit(0x69, 0x00);             // ADC #0: bit 7 comes back in at bit 0
        Emit(0x5D, 0x00, 0x10);       // EOR table,X
        Emit(0x85, 0x12);             // STA rotating
        Emit(0xF8);                   // SED
        Emit(0x18);                   // CLC
        Emit(0xA5, 0x13);             // LDA bcdCount
        Emit(0x69, 0x01);             // ADC #1
        Emit(0x85, 0x13);             // STA bcdCount
        Emit(0xD8);                   // CLD
        Emit(0xE8);                   // INX
        Branch(0xD0, loop);           // BNE loop
        int end = Here();
        Emit(0x4C, (byte)end, (byte)(end >> 8)); // JMP *
        return asm.ToArray();
    }
}
