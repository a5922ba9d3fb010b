using System.Net;
using System.Net.Sockets;
using SidFlow.Testing;

namespace SidFlow.Ultimate64Simulator.Tests;

/// <summary>A UDP receiver on 127.0.0.1 (any free port) that keeps every datagram, in arrival order, from the moment it is made.</summary>
internal sealed class DatagramReceiver : IDisposable
{
    private readonly UdpClient _client = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<byte[]> _datagrams = [];
    private readonly Task _receiving;

    public DatagramReceiver()
    {
        // Room for seconds of audio, so a test that reads late still sees every datagram the simulator sent.
        _client.Client.ReceiveBufferSize = 4 << 20;
        _receiving = ReceiveAsync();
    }

    public int Port => ((IPEndPoint)_client.Client.LocalEndPoint!).Port;

    public IReadOnlyList<byte[]> Datagrams
    {
        get
        {
            lock (_gate)
            {
                return _datagrams.ToArray();
            }
        }
    }

    /// <summary>The audio packets (770 bytes) received so far.</summary>
    public IReadOnlyList<byte[]> Packets => Datagrams.Where(d => d.Length == AudioTiming.PacketBytes).ToArray();

    /// <summary>Waits (bounded) until the datagrams received satisfy <paramref name="condition"/>, and returns them.</summary>
    public Task<IReadOnlyList<byte[]>> WaitForAsync(Func<IReadOnlyList<byte[]>, bool> condition, string what) =>
        Eventually.HoldsAsync(() => Task.FromResult(Datagrams), condition, SimulatorTests.Bound, what);

    public Task<IReadOnlyList<byte[]>> WaitForPacketsAsync(int count) =>
        WaitForAsync(d => d.Count(x => x.Length == AudioTiming.PacketBytes) >= count, $"{count} audio packets");

    public void Dispose()
    {
        _stop.Cancel();
        _client.Dispose();
        _receiving.Wait(SimulatorTests.Bound);
        _stop.Dispose();
    }

    private async Task ReceiveAsync()
    {
        try
        {
            while (true)
            {
                UdpReceiveResult result = await _client.ReceiveAsync(_stop.Token);
                lock (_gate)
                {
                    _datagrams.Add(result.Buffer);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Disposed: the receiver is done.
        }
    }
}
