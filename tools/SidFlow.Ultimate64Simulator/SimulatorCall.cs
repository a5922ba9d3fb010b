namespace SidFlow.Ultimate64Simulator;

/// <summary>
/// One HTTP request the simulator received: <paramref name="Path"/> is the decoded path with its
/// <c>route:command</c> (e.g. <c>/v1/configs/UltiSID Configuration/UltiSID 1 Filter Curve</c>),
/// <paramref name="Query"/> the query string as sent, with its <c>?</c> (empty when there is none).
/// </summary>
public sealed record SimulatorCall(string Method, string Path, string Query, DateTimeOffset At);
