using SidFlow.Core.Feedback;

namespace SidFlow.Core.Telemetry;

/// <summary>Stores validated playback reports with the listener hashed (the salt of feedback), nothing else about the sender.</summary>
public sealed class TelemetryService(ITelemetryStore store, ListenerHasher hasher, TimeProvider time)
{
    public async Task<int> SubmitAsync(IReadOnlyList<PlaybackReport> reports, CancellationToken cancellationToken)
    {
        var anonymised = new List<PlaybackReport>(reports.Count);
        foreach (PlaybackReport report in reports)
        {
            anonymised.Add(report with { Listener = await hasher.HashAsync(report.Listener, cancellationToken) });
        }

        await store.AppendAsync(anonymised, time.GetUtcNow(), cancellationToken);
        return anonymised.Count;
    }
}
