namespace SidFlow.Ultimate64Simulator;

/// <summary>The requests received, in order; read as a snapshot while requests keep coming.</summary>
internal sealed class CallLog
{
    private readonly Lock _gate = new();
    private readonly List<SimulatorCall> _calls = [];

    public void Add(SimulatorCall call)
    {
        lock (_gate)
        {
            _calls.Add(call);
        }
    }

    public IReadOnlyList<SimulatorCall> Snapshot()
    {
        lock (_gate)
        {
            return _calls.ToArray();
        }
    }
}
