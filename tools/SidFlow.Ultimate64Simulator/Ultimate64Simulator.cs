using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging.Abstractions;

namespace SidFlow.Ultimate64Simulator;

/// <summary>
/// An Ultimate 64 on 127.0.0.1: its REST API (Kestrel) and its UDP audio stream, byte for byte as the device's
/// firmware has them, with the audio rendered by SidFlow's emulator at the machine's rate (what each packet
/// carries: <see cref="StreamState.SongFrameOf"/> and <see cref="SongAudio"/>). For tests: start it, point the code under test at <see cref="BaseAddress"/>, then check
/// <see cref="Calls"/>, <see cref="Song"/> and <see cref="Stream"/>.
/// </summary>
public sealed class Ultimate64Simulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Machine _machine;
    private readonly CallLog _calls;
    private readonly CancellationTokenSource _lifetime;
    private readonly Lock _gate = new();
    private Task? _stopping;

    private Ultimate64Simulator(SimulatorOptions options, WebApplication app, Machine machine, CallLog calls, CancellationTokenSource lifetime, Uri baseAddress)
    {
        Options = options;
        _app = app;
        _machine = machine;
        _calls = calls;
        _lifetime = lifetime;
        BaseAddress = baseAddress;
    }

    /// <summary><c>http://127.0.0.1:port/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The options it runs with; the network knobs may be changed while it runs.</summary>
    public SimulatorOptions Options { get; }

    /// <summary>Every request received so far, in order (a snapshot).</summary>
    public IReadOnlyList<SimulatorCall> Calls => _calls.Snapshot();

    /// <summary>The song playing (since the last sidplay, until a reset), or null.</summary>
    public PlayingSong? Song => _machine.Song;

    /// <summary>The current audio stream, or the last one once stopped; null before the first audio:start.</summary>
    public StreamState? Stream => _machine.Stream;

    public static async Task<Ultimate64Simulator> StartAsync(SimulatorOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger(typeof(Ultimate64Simulator).FullName!);
        var lifetime = new CancellationTokenSource();
        var machine = new Machine(options, logger);
        var calls = new CallLog();
        var api = new DeviceApi(options, machine, new DeviceConfig(options), calls, lifetime.Token);

        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        builder.Services.AddLogging();
        if (options.LoggerFactory is { } loggers)
        {
            // Kestrel's own messages (a request that failed) go where the simulator's go.
            builder.Services.AddSingleton(loggers);
        }

        WebApplication app = builder.Build();
        app.Run(api.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            lifetime.Dispose();
            throw;
        }

        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var baseAddress = new Uri(address.TrimEnd('/') + "/");
        logger.Listening(baseAddress);
        return new Ultimate64Simulator(options, app, machine, calls, lifetime, baseAddress);
    }

    /// <summary>Stops the stream, drops held (unresponsive) requests and stops listening; safe to call more than once.</summary>
    public Task StopAsync()
    {
        lock (_gate)
        {
            return _stopping ??= StopCoreAsync();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task StopCoreAsync()
    {
        // Held requests end with the lifetime, so the server stops at once; then no request can start a stream anew.
        await _lifetime.CancelAsync();
        await _app.StopAsync(CancellationToken.None);
        await _machine.DisposeAsync();
        await _app.DisposeAsync();
        _lifetime.Dispose();
    }
}
