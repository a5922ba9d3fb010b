using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace SidFlow.Local.Storage;

/// <summary>
/// An Azurite (Azure Storage emulator) process on loopback, started from the project's npm install.
/// Stopping sends SIGTERM, waits, then kills: after a workload one SIGTERM does not always end it.
/// </summary>
public sealed partial class AzuriteProcess : IAsyncDisposable
{
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly AzuriteOptions _options;
    private readonly ILogger _logger;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private AzuriteProcess(AzuriteOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
    }

    public int BlobPort { get; private set; }
    public int QueuePort { get; private set; }
    public int TablePort { get; private set; }
    public int ProcessId => _process?.Id ?? 0;
    public bool IsRunning => _process is { HasExited: false };

    public string ConnectionString => ConnectionStringFor(BlobPort, QueuePort, TablePort);

    public static string ConnectionStringFor(int blobPort, int queuePort, int tablePort) =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/{AccountName};";

    public static async Task<AzuriteProcess> StartAsync(AzuriteOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var azurite = new AzuriteProcess(options, logger);
        await azurite.LaunchAsync(options.BlobPort, options.QueuePort, options.TablePort, cancellationToken);
        return azurite;
    }

    /// <summary>Stops the process and starts it again on the same ports and data folder (an outage, as tests simulate it).</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        await StopAsync();
        await LaunchAsync(BlobPort, QueuePort, TablePort, cancellationToken);
    }

    public async Task StopAsync()
    {
        Process? process = _process;
        if (process is null)
        {
            return;
        }

        _process = null;
        try
        {
            if (!process.HasExited)
            {
                _ = SendSignal(process.Id, 15);
                using var graceful = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                try
                {
                    await process.WaitForExitAsync(graceful.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            process.Dispose();
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    public static string FindExecutable(string? configured)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured
                : throw new FileNotFoundException($"azurite launcher '{configured}' does not exist");
        }

        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "node_modules", ".bin", "azurite");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException(
            "azurite is not installed: run './sidflow up' or 'npm ci' in the repository root, or set SIDFLOW_STORAGE to a storage account");
    }

    private async Task LaunchAsync(int blobPort, int queuePort, int tablePort, CancellationToken cancellationToken)
    {
        string executable = FindExecutable(_options.Executable);
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[]
        {
            "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--skipApiVersionCheck", "--disableTelemetry", "--silent",
        })
        {
            start.ArgumentList.Add(arg);
        }

        if (_options.Location is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(_options.Location);
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(_options.Location);
        }

        var ports = new Dictionary<string, int>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_output)
            {
                _output.AppendLine(line);
                Match m = ListeningLine().Match(line);
                if (m.Success)
                {
                    ports[m.Groups[1].Value] = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
                    if (ports.Count == 3)
                    {
                        ready.TrySetResult();
                    }
                }
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"azurite exited during start-up:\n{Output}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        try
        {
            await ready.Task.WaitAsync(_options.StartTimeout, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException or InvalidOperationException)
        {
            await StopAsync();
            throw new InvalidOperationException($"azurite did not start within {_options.StartTimeout.TotalSeconds:0} s: {ex.Message}\n{Output}", ex);
        }

        BlobPort = ports["Blob"];
        QueuePort = ports["Queue"];
        TablePort = ports["Table"];
        _logger.AzuriteStarted(process.Id, BlobPort, QueuePort, TablePort, _options.Location ?? "(memory)");
    }

    private string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    [GeneratedRegex(@"Azurite (Blob|Queue|Table) service is successfully listening at http://[^:]+:(\d+)")]
    private static partial Regex ListeningLine();

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
