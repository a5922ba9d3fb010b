namespace SidFlow.Core.Alerts;

/// <summary>Where alerts go (webhook, e-mail). A channel bounds its own time and retries; it reports, it does not throw.</summary>
public interface IAlertChannel
{
    string Name { get; }

    bool IsConfigured { get; }

    /// <summary>Null when delivered; otherwise why not.</summary>
    Task<string?> DeliverAsync(AlertPayload alert, CancellationToken cancellationToken);
}
