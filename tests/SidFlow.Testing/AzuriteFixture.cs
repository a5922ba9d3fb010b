using Microsoft.Extensions.Logging.Abstractions;
using SidFlow.Storage;
using SidFlow.Local.Storage;
using Xunit;

namespace SidFlow.Testing;

/// <summary>
/// One Azurite per test assembly run, on free loopback ports, with its data in a temp folder.
/// Tests isolate themselves by storage name prefix: <see cref="CreateStorageAsync"/>.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new("sidflow-azurite-");
    private AzuriteProcess? _azurite;
    private int _prefixCounter;

    public string ConnectionString => _azurite?.ConnectionString ?? throw new InvalidOperationException("Azurite is not started");

    public async ValueTask InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync(new AzuriteOptions { Location = _data.Path }, NullLogger.Instance, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        _data.Dispose();
    }

    /// <summary>A unique prefix, so that every test has its own containers, tables and queues.</summary>
    public string NewPrefix() => "t" + Interlocked.Increment(ref _prefixCounter) + Guid.NewGuid().ToString("N")[..6];

    public StorageOptions Options(string prefix) => new() { ConnectionString = ConnectionString, Prefix = prefix };

    public async Task<StorageClients> CreateStorageAsync(CancellationToken cancellationToken = default)
    {
        var clients = new StorageClients(Options(NewPrefix()));
        await clients.EnsureCreatedAsync(cancellationToken);
        return clients;
    }
}
