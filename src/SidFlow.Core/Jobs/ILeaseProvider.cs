namespace SidFlow.Core.Jobs;

/// <summary>Exclusive, expiring leases across instances (blob leases): one dispatcher, one firing per schedule occurrence.</summary>
public interface ILeaseProvider
{
    /// <summary>Takes the lease if free; null when another holder has it.</summary>
    Task<ILease?> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken);
}

public interface ILease : IAsyncDisposable
{
    /// <summary>Renews; false when the lease was lost.</summary>
    Task<bool> RenewAsync(CancellationToken cancellationToken);

    /// <summary>Reads the small state document kept with the lease (null when none).</summary>
    Task<string?> ReadStateAsync(CancellationToken cancellationToken);

    /// <summary>Writes the state document while holding the lease.</summary>
    Task WriteStateAsync(string state, CancellationToken cancellationToken);
}
