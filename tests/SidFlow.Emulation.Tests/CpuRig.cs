using System.Globalization;
using SidFlow.Emulation;

namespace SidFlow.Emulation.Tests;

/// <summary>Registers and flags of a test case; <see cref="Flags"/> lists the set flags by letter (N, V, D, I, Z, C).</summary>
public sealed record Registers(int A = 0, int X = 0, int Y = 0, string Flags = "", int S = 0xFF);

/// <summary>
/// One instruction on a flat 64 KiB bus: code at <see cref="Origin"/>, registers and memory before, what must hold after.
/// Memory is written as "addr=value" pairs in hex ("0010=FF 1234=00").
/// </summary>
public sealed record OpcodeCase(string Name, string Code, Registers Before, Registers After, int Cycles, string MemoryBefore = "", string MemoryAfter = "", int Origin = 0x0200, int? Pc = null);

/// <summary>A CPU on a flat bus, set up from and checked against <see cref="OpcodeCase"/>s.</summary>
public sealed class CpuRig
{
    public CpuRig()
    {
        Bus = C64Bus.FlatRam();
        Cpu = new Cpu6510(Bus);
    }

    public C64Bus Bus { get; }

    public Cpu6510 Cpu { get; }

    public static IEnumerable<(int Address, byte Value)> ParseMemory(string memory) =>
        memory.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
        {
            string[] parts = pair.Split('=');
            return (int.Parse(parts[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture), byte.Parse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        });

    public static byte[] ParseCode(string code) =>
        code.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(b => byte.Parse(b, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();

    public void Load(int origin, ReadOnlySpan<byte> code)
    {
        code.CopyTo(Bus.Ram.AsSpan(origin));
        Cpu.PC = (ushort)origin;
    }

    public void Set(Registers registers)
    {
        Cpu.A = (byte)registers.A;
        Cpu.X = (byte)registers.X;
        Cpu.Y = (byte)registers.Y;
        Cpu.S = (byte)registers.S;
        Cpu.N = registers.Flags.Contains('N');
        Cpu.V = registers.Flags.Contains('V');
        Cpu.D = registers.Flags.Contains('D');
        Cpu.I = registers.Flags.Contains('I');
        Cpu.Z = registers.Flags.Contains('Z');
        Cpu.C = registers.Flags.Contains('C');
    }

    public Registers Get()
    {
        string flags = string.Concat(new[] { (Cpu.N, 'N'), (Cpu.V, 'V'), (Cpu.D, 'D'), (Cpu.I, 'I'), (Cpu.Z, 'Z'), (Cpu.C, 'C') }.Where(f => f.Item1).Select(f => f.Item2));
        return new Registers(Cpu.A, Cpu.X, Cpu.Y, flags, Cpu.S);
    }

    /// <summary>Steps until the program jumps to itself; returns the cycles used.</summary>
    public long RunUntilIdle(int maxInstructions)
    {
        long cycles = 0;
        for (int i = 0; i < maxInstructions; i++)
        {
            cycles += Cpu.Step();
            if (Cpu.IdleLoop)
            {
                return cycles;
            }
        }

        throw new InvalidOperationException($"the program did not finish within {maxInstructions} instructions (PC ${Cpu.PC:X4})");
    }
}
