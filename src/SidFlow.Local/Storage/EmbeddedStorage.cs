using System.Net.Sockets;
using System.Text.Json;


namespace SidFlow.Local.Storage;

/// <summary>
/// The local Azurite under <c>data/azurite/</c>: reused when another SidFlow process already runs it
/// (its ports are in <c>endpoint.json</c>), otherwise started and owned by this process.
/// </summary>
public sealed class EmbeddedStorage : IAsyncDisposable
{
    private readonly AzuriteProcess? _owned;
    private readonly string _endpointFile;

    private EmbeddedStorage(string connectionString, AzuriteProcess? owned, string endpointFile)
    {
        ConnectionString = connectionString;
        _owned = owned;
        _endpointFile = endpointFile;
    }

    public string ConnectionString { get; }
    public bool Owned => _owned is not null;

    public static async Task<EmbeddedStorage> StartOrAttachAsync(string directory, ILogger logger, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        string endpointFile = Path.Combine(directory, "endpoint.json");
        // One process at a time decides whether to start Azurite on this folder.
        await using FileStream guard = await AcquireLockAsync(Path.Combine(directory, ".lock"), cancellationToken);

        if (await ReadRunningAsync(endpointFile, cancellationToken) is { } running)
        {
            logger.AzuriteAttached(directory, running.Pid);
            return new EmbeddedStorage(AzuriteProcess.ConnectionStringFor(running.Blob, running.Queue, running.Table), null, endpointFile);
        }

        AzuriteProcess azurite = await AzuriteProcess.StartAsync(
            new AzuriteOptions { Location = Path.Combine(directory, "store") }, logger, cancellationToken);
        var endpoint = new Endpoint(azurite.ProcessId, azurite.BlobPort, azurite.QueuePort, azurite.TablePort);
        await File.WriteAllTextAsync(endpointFile, JsonSerializer.Serialize(endpoint), cancellationToken);
        return new EmbeddedStorage(azurite.ConnectionString, azurite, endpointFile);
    }

    public async ValueTask DisposeAsync()
    {
        if (_owned is not null)
        {
            File.Delete(_endpointFile);
            await _owned.DisposeAsync();
        }
    }

    private static async Task<Endpoint?> ReadRunningAsync(string endpointFile, CancellationToken cancellationToken)
    {
        if (!File.Exists(endpointFile))
        {
            return null;
        }

        Endpoint? endpoint;
        try
        {
            endpoint = JsonSerializer.Deserialize<Endpoint>(await File.ReadAllTextAsync(endpointFile, cancellationToken));
        }
        catch (JsonException)
        {
            return null;
        }

        if (endpoint is null || !ProcessAlive(endpoint.Pid))
        {
            return null;
        }

        try
        {
            using var tcp = new TcpClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            await tcp.ConnectAsync("127.0.0.1", endpoint.Blob, timeout.Token);
            return endpoint;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return null;
        }
    }

    private static bool ProcessAlive(int pid)
    {
        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static async Task<FileStream> AcquireLockAsync(string path, CancellationToken cancellationToken)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    private sealed record Endpoint(int Pid, int Blob, int Queue, int Table);
}
