using SidFlow.Core.Classification;

namespace SidFlow.Core.Models;

/// <summary>
/// The model classification rates with: the manifest's active version, its artifacts verified against the
/// manifest's checksums and its schema against the running feature set. The manifest is looked at every few
/// seconds, so a publish or rollback reaches every instance within that. A model that cannot be loaded is
/// reported (<see cref="ModelMonitor.LoadError"/>) and ratings stay with the heuristic.
/// </summary>
public sealed class PublishedModelSource(IModelStore models, ModelMonitor monitor, TimeProvider time) : IRatingModelSource, IDisposable
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private TrainedRatingModel? _model;
    private string? _checksum;
    private DateTimeOffset _checkedAt = DateTimeOffset.MinValue;

    public Task<IRatingModel?> GetActiveAsync(CancellationToken cancellationToken) => GetAsync(RefreshInterval, cancellationToken);

    public Task<IRatingModel?> GetCurrentAsync(CancellationToken cancellationToken) => GetAsync(TimeSpan.Zero, cancellationToken);

    private async Task<IRatingModel?> GetAsync(TimeSpan maxAge, CancellationToken cancellationToken)
    {
        if (maxAge > TimeSpan.Zero && time.GetUtcNow() - _checkedAt < maxAge)
        {
            return _model;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (maxAge == TimeSpan.Zero || time.GetUtcNow() - _checkedAt >= maxAge)
            {
                await RefreshAsync(cancellationToken);
            }

            return _model;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        ModelManifest? manifest = (await models.ReadManifestAsync(cancellationToken))?.Manifest;
        _checkedAt = time.GetUtcNow();
        if (manifest?.ManifestChecksum == _checksum && (_model is not null || manifest is null))
        {
            return;
        }

        // The model being replaced is left to the garbage collector: ratings under way may still be using it.
        _checksum = manifest?.ManifestChecksum;
        _model = null;
        if (manifest is not null)
        {
            try
            {
                _model = await ModelArtifacts.LoadAsync(models, manifest.ActiveVersion, manifest.Artifacts, monitor, cancellationToken)
                    ?? throw new ModelIntegrityException($"model {manifest.ActiveVersion} has no metadata");
                monitor.Loaded(manifest.ActiveVersion);
            }
            catch (Exception ex) when (ex is ModelIntegrityException or ModelSchemaException)
            {
                monitor.LoadFailed(ex.Message);
            }
        }
    }
}
