using SidFlow.Emulation.Sid;

namespace SidFlow.Ultimate64Simulator;

/// <summary>
/// The song the machine plays since a <c>runners:sidplay</c>: it runs in virtual real time from
/// <see cref="StartedAt"/> (a <see cref="System.Diagnostics.Stopwatch"/> timestamp), whether or not a stream carries it.
/// </summary>
public sealed record PlayingSong(SidFile Sid, int Subtune, SidModel Model, SidClockKind Clock, long StartedAt);
