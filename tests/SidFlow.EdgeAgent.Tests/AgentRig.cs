using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SidFlow.Core.Collection;
using SidFlow.Core.Render;
using SidFlow.Emulation.Sid;
using SidFlow.Storage;
using SidFlow.Testing;
using SidFlow.Ultimate64Simulator;
using Xunit;

namespace SidFlow.EdgeAgent.Tests;

/// <summary>
/// The agent's services on a fresh storage prefix of the run's Azurite, pointed at a simulated Ultimate 64 on
/// loopback (the capture socket on 127.0.0.1 too), with one sample tune in the collection.
/// </summary>
public sealed class AgentRig : IAsyncDisposable
{
    /// <summary>A PAL 6581 tune of the sample (three songs) that plays from its first frame.</summary>
    public const string SongPath = "MUSICIANS/H/Hubbard_Rob/Robs_Life.sid";

    private readonly ServiceProvider _services;
    private readonly List<IHostedService> _started = [];

    private AgentRig(Ultimate64Simulator.Ultimate64Simulator device, ServiceProvider services, StorageClients storage, byte[] song)
    {
        Device = device;
        _services = services;
        Storage = storage;
        Song = song;
    }

    public Ultimate64Simulator.Ultimate64Simulator Device { get; }
    public StorageClients Storage { get; }
    public byte[] Song { get; }
    public IServiceProvider Services => _services;

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Starts the agent's workers (renders off the queue, heartbeats) as its host would; disposing stops them.</summary>
    public async Task StartWorkersAsync()
    {
        foreach (IHostedService worker in _services.GetServices<IHostedService>())
        {
            await worker.StartAsync(TestContext.Current.CancellationToken);
            _started.Add(worker);
        }
    }

    /// <summary>The agent's <c>render.ultimate64</c> settings for a simulator at <paramref name="device"/>.</summary>
    public static Dictionary<string, string?> DeviceSettings(Uri device, string? password = null) => new()
    {
        ["render:ultimate64:host"] = device.Host,
        ["render:ultimate64:port"] = device.Port.ToString(CultureInfo.InvariantCulture),
        ["render:ultimate64:password"] = password,
        ["render:ultimate64:capturePort"] = "0",
        ["render:ultimate64:receiverAddress"] = "127.0.0.1",
        ["render:ultimate64:requestTimeout"] = "2000",
    };

    public static async Task<AgentRig> StartAsync(AzuriteFixture azurite, SimulatorOptions device, IDictionary<string, string?>? settings = null, string? agentPassword = null, string? prefix = null)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        Ultimate64Simulator.Ultimate64Simulator simulator = await Ultimate64Simulator.Ultimate64Simulator.StartAsync(device, ct);
        Dictionary<string, string?> values = DeviceSettings(simulator.BaseAddress, agentPassword ?? device.Password);
        foreach ((string key, string? value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        StorageOptions options = azurite.Options(prefix ?? azurite.NewPrefix());
        var storage = new StorageClients(options);
        await storage.EnsureCreatedAsync(ct);
        ServiceProvider services = new ServiceCollection().AddLogging().AddEdgeAgent(configuration, options).BuildServiceProvider();
        byte[] song = await File.ReadAllBytesAsync(RepositoryPaths.SampleFile(SongPath), ct);
        await services.GetRequiredService<ICollectionStore>().WriteAsync(SongPath, song, ct);
        return new AgentRig(simulator, services, storage, song);
    }

    /// <summary>A hardware render of <see cref="SongPath"/> as the server sends it, answered to the run <c>job-x-r1</c>.</summary>
    public static HardwareRenderRequest Request(double seconds, string[]? formats = null, int subtune = 1, long? requestedAt = null) =>
        new(Guid.NewGuid().ToString("N"), SongPath, subtune, seconds, formats ?? ["wav"], 256_000, requestedAt ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())
        {
            ReplyTo = "job-x-r1",
        };

    /// <summary>What the simulated device plays from <paramref name="songFrame"/>: the emulator run exactly as the simulator runs it.</summary>
    public short[] ExpectedAudio(long songFrame, long frames, int subtune = 1) =>
        SongAudio.Render(new PlayingSong(SidFile.Parse(Song), subtune, SidModel.Mos6581, SidClockKind.Pal, 0), songFrame, checked((int)frames));

    public async ValueTask DisposeAsync()
    {
        foreach (IHostedService worker in _started)
        {
            await worker.StopAsync(CancellationToken.None);
        }

        await Device.DisposeAsync();
        await _services.DisposeAsync();
    }
}
