namespace SidFlow.Emulation;

/// <summary>Why the emulator stopped a song.</summary>
public enum SidEmulationError
{
    /// <summary>The file needs something the emulator does not have (BASIC ROM, a MUS player).</summary>
    Unsupported,

    /// <summary>The CPU executed a JAM opcode: the tune crashed.</summary>
    CpuJam,

    /// <summary>The run used up its wall-clock budget.</summary>
    TimedOut,
}

/// <summary>The emulator could not play a song; <see cref="Error"/> says why.</summary>
public sealed class SidEmulationException(SidEmulationError error, string message) : Exception(message)
{
    public SidEmulationError Error { get; } = error;
}
