using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SidFlow.Local.Hosting;

/// <summary>
/// The app as a separate process (<c>dotnet SidFlow.Local.dll serve</c>), as <c>./sidflow serve</c> runs it, on a
/// given storage account and prefix: what the recovery tests and <c>bench recovery</c> kill with SIGKILL.
/// </summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServeProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public int ProcessId => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<ServeProcess> StartAsync(string connectionString, string prefix, string adminToken, IDictionary<string, string?> configuration)
    {
        int port = FreePort();
        string dll = typeof(ServeProcess).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.Environment["SIDFLOW_STORAGE"] = connectionString;
        start.Environment["SIDFLOW_STORAGE_PREFIX"] = prefix;
        start.Environment["SIDFLOW_ADMIN_TOKEN"] = adminToken;
        start.Environment["SIDFLOW_CONFIG"] = "/nonexistent/.sidflow.json";
        foreach ((string key, string? value) in configuration)
        {
            start.Environment["SIDFLOW__" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = start };
        var app = new ServeProcess(process, port);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await app.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        return app;
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or an out-of-memory kill.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        DateTime deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the app exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                HttpResponseMessage response = await client.GetAsync($"http://127.0.0.1:{Port}/api/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"the app did not answer /api/health within {timeout}:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
