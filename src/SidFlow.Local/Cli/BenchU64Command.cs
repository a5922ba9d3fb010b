using System.Buffers.Binary;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SidFlow.Core.Collection;
using SidFlow.Core.Render;
using SidFlow.EdgeAgent;
using SidFlow.EdgeAgent.Rendering;
using SidFlow.Emulation.Sid;
using SidFlow.Storage;
using SidFlow.Ultimate64Simulator;
using Simulator = SidFlow.Ultimate64Simulator.Ultimate64Simulator;

namespace SidFlow.Local.Cli;

/// <summary>
/// <c>./sidflow bench u64</c>: hardware captures through the Ultimate 64 simulator on loopback. For each loss
/// ratio, a capture compared sample for sample with what the device streamed (samples compared, mismatches
/// outside lost packets, reported against simulated loss); then one capture with the simulator in a process of
/// its own, so this process's CPU is the agent's alone, and its end-to-end time.
/// </summary>
public static class BenchU64Command
{
    private const string SongPath = "MUSICIANS/H/Hubbard_Rob/Robs_Life.sid";
    private static readonly TimeSpan ChildStart = TimeSpan.FromSeconds(60);

    public static Command Create()
    {
        var seconds = new Option<double>("--seconds") { Description = "Seconds captured per run", DefaultValueFactory = _ => 30 };
        var losses = new Option<string>("--losses") { Description = "Simulated loss ratios, comma-separated", DefaultValueFactory = _ => "0,0.01,0.05" };
        var sample = BenchSample.TreeOption("The C64Music tree holding " + SongPath);
        var command = new Command("u64", "Capture through the Ultimate 64 simulator: accuracy and loss accounting per loss ratio, the agent's CPU and a capture's end-to-end time") { seconds, losses, sample };
        command.SetAction(async (parse, ct) =>
        {
            double length = parse.GetValue(seconds);
            double[] ratios = parse.GetValue(losses)!.Split(',').Select(r => double.Parse(r, CultureInfo.InvariantCulture)).ToArray();
            byte[] song = await File.ReadAllBytesAsync(Path.Combine(Path.GetFullPath(parse.GetValue(sample)!), SongPath), ct);
            await using AppSession session = await AppSession.OpenAsync(LogLevel.Warning, ct);
            string prefix = "bench" + Guid.NewGuid().ToString("N")[..8];
            try
            {
                Console.WriteLine($"bench u64: {SongPath} #1, {length} s per capture (PAL, {Math.Round(length * 47_982.887)} frames), {Environment.ProcessorCount} cores");
                foreach (double ratio in ratios)
                {
                    await AccuracyAsync(session, prefix, song, length, ratio, ct);
                }

                await CpuAsync(session, prefix, song, length, ct);
            }
            finally
            {
                await BenchCommand.DeleteStorageAsync(session, prefix, ct);
            }

            return 0;
        });
        return command;
    }

    private static async Task AccuracyAsync(AppSession session, string prefix, byte[] song, double seconds, double loss, CancellationToken ct)
    {
        await using Simulator device = await Simulator.StartAsync(new SimulatorOptions { LossRatio = loss, Seed = 7 }, ct);
        await using ServiceProvider agent = await AgentAsync(session, prefix, device.BaseAddress, song, ct);
        HardwareRenderOutcome outcome = await agent.GetRequiredService<Ultimate64Renderer>().RenderAsync(Request(seconds), ct);
        short[] captured = await ReadWavAsync(agent, outcome.Assets.Single().Blob, ct);
        StreamState stream = device.Stream!;
        long first = stream.SongFrameOf(outcome.Capture.FirstSequence!.Value)!.Value;
        short[] expected = SongAudio.Render(new PlayingSong(SidFile.Parse(song), 1, SidModel.Mos6581, SidClockKind.Pal, 0), first, captured.Length / 2);
        long mismatched = 0, silentPackets = 0;
        const int perPacket = 192 * 2;
        for (int start = 0; start < captured.Length; start += perPacket)
        {
            ReadOnlySpan<short> got = captured.AsSpan(start, Math.Min(perPacket, captured.Length - start));
            ReadOnlySpan<short> want = expected.AsSpan(start, got.Length);
            if (!got.ContainsAnyExcept((short)0) && want.ContainsAnyExcept((short)0))
            {
                silentPackets++;
                continue;
            }

            for (int i = 0; i < got.Length; i++)
            {
                mismatched += got[i] == want[i] ? 0 : 1;
            }
        }

        double simulated = stream.PacketsIssued == 0 ? 0 : (double)stream.PacketsDropped / stream.PacketsIssued;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  loss {loss:P0}: {captured.Length:N0} samples compared, {mismatched} mismatched outside lost packets; reported {outcome.Capture.Lost} of {outcome.Capture.Packets} packets lost ({outcome.Capture.LossRatio:P2}), {silentPackets} packets silence-filled, simulator dropped {simulated:P2} of its whole stream; capture {outcome.Capture.Elapsed.TotalSeconds:0.00} s"));
    }

    private static async Task CpuAsync(AppSession session, string prefix, byte[] song, double seconds, CancellationToken ct)
    {
        int port = FreePort();
        using Process child = StartChild(port);
        try
        {
            var address = new Uri($"http://127.0.0.1:{port}/");
            await WaitForAsync(address, ct);
            await using ServiceProvider agent = await AgentAsync(session, prefix, address, song, ct);
            var wall = Stopwatch.StartNew();
            TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
            HardwareRenderOutcome outcome = await agent.GetRequiredService<Ultimate64Renderer>().RenderAsync(Request(seconds), ct);
            TimeSpan used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            wall.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  agent alone (simulator in another process): {seconds} s captured in {outcome.Capture.Elapsed.TotalSeconds:0.00} s, end to end {wall.Elapsed.TotalSeconds:0.00} s (device set-up, capture, WAV upload, availability); agent CPU {used.TotalSeconds:0.00} s = {used / wall.Elapsed:P1} of one core; loss {outcome.Capture.LossRatio:P2}"));
        }
        finally
        {
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        }
    }

    private static async Task<ServiceProvider> AgentAsync(AppSession session, string prefix, Uri device, byte[] song, CancellationToken ct)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["render:ultimate64:host"] = device.Host,
            ["render:ultimate64:port"] = device.Port.ToString(CultureInfo.InvariantCulture),
            ["render:ultimate64:capturePort"] = "0",
            ["render:ultimate64:receiverAddress"] = "127.0.0.1",
            ["render:ultimate64:packetLossThreshold"] = "1",
        }).Build();
        StorageOptions storage = session.StorageFor(prefix);
        await new StorageClients(storage).EnsureCreatedAsync(ct);
        ServiceProvider agent = new ServiceCollection().AddLogging().AddEdgeAgent(configuration, storage).BuildServiceProvider();
        await agent.GetRequiredService<ICollectionStore>().WriteAsync(SongPath, song, ct);
        return agent;
    }

    private static HardwareRenderRequest Request(double seconds) =>
        new(Guid.NewGuid().ToString("N"), SongPath, 1, seconds, ["wav"], 256_000, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    private static async Task<short[]> ReadWavAsync(ServiceProvider agent, string blob, CancellationToken ct)
    {
        StorageClients storage = agent.GetRequiredService<StorageClients>();
        byte[] bytes = (await storage.Container(storage.Names.RendersContainer).GetBlobClient(blob).DownloadContentAsync(ct)).Value.Content.ToArray();
        short[] samples = new short[(bytes.Length - WavFormat.HeaderBytes) / 2];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(WavFormat.HeaderBytes + (2 * i)));
        }

        return samples;
    }

    private static Process StartChild(int port)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "SidFlow.Ultimate64Simulator.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in new[] { dll, "--port", port.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        Process child = Process.Start(start) ?? throw new InvalidOperationException("the simulator did not start");
        child.OutputDataReceived += (_, _) => { };
        child.ErrorDataReceived += (_, _) => { };
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        return child;
    }

    private static async Task WaitForAsync(Uri address, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                (await http.GetAsync(new Uri(address, "v1/version"), ct)).EnsureSuccessStatusCode();
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && deadline.Elapsed < ChildStart)
            {
                await Task.Delay(200, ct);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
