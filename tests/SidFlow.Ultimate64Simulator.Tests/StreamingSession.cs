namespace SidFlow.Ultimate64Simulator.Tests;

/// <summary>A simulator, a client for its API and a UDP receiver for its stream, torn down together.</summary>
internal sealed class StreamingSession : IAsyncDisposable
{
    private StreamingSession(Ultimate64Simulator simulator, DatagramReceiver receiver)
    {
        Simulator = simulator;
        Receiver = receiver;
        Http = SimulatorTests.ClientFor(simulator);
    }

    public Ultimate64Simulator Simulator { get; }

    public DatagramReceiver Receiver { get; }

    public HttpClient Http { get; }

    /// <summary>The stream as it is now (a test calls this once a stream has started).</summary>
    public StreamState Stream => Simulator.Stream!;

    public static async Task<StreamingSession> StartAsync(SimulatorOptions? options = null)
    {
        var receiver = new DatagramReceiver();
        return new StreamingSession(await SimulatorTests.StartAsync(options), receiver);
    }

    public async Task PlayAsync(byte[] sid) => (await Http.SidPlayAsync(sid)).EnsureSuccessStatusCode();

    public async Task StartStreamAsync() => (await Http.PutAsync($"v1/streams/audio:start?ip=127.0.0.1:{Receiver.Port}")).EnsureSuccessStatusCode();

    public async Task StopStreamAsync() => (await Http.PutAsync("v1/streams/audio:stop")).EnsureSuccessStatusCode();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Simulator.DisposeAsync();
        Receiver.Dispose();
    }
}
