namespace SidFlow.Core.Fetch;

/// <summary>Where releases come from: an HTTP mirror, or a local folder or archive.</summary>
public interface IHvscSource
{
    string Description { get; }

    Task<IReadOnlyList<HvscPackage>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Makes the package available on local disk (downloading it when remote) and hashes it.</summary>
    Task<LocalPackage> FetchAsync(HvscPackage package, string workDirectory, IProgress<string> progress, CancellationToken cancellationToken);
}
