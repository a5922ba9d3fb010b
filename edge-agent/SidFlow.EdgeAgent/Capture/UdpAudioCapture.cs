using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SidFlow.EdgeAgent.Device;

namespace SidFlow.EdgeAgent.Capture;

/// <summary>
/// A UDP socket bound before the stream is started, so no packet is missed, that receives until the
/// sequencer has every frame it wants. It gives up when no audio arrives for <see cref="StallTimeout"/>
/// (the device stopped streaming, or streams elsewhere) or when the whole capture overruns its deadline.
/// </summary>
public sealed class UdpAudioCapture : IDisposable
{
    public static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(5);

    // How often a receive with nothing arriving wakes up to check the bounds and cancellation.
    private static readonly TimeSpan WakeInterval = TimeSpan.FromMilliseconds(200);

    // A burst after a stall of the receiving process must not overflow the kernel's queue (4 MiB = 20 s of audio).
    private const int ReceiveBufferBytes = 4 << 20;

    private readonly Socket _socket;

    private UdpAudioCapture(Socket socket) => _socket = socket;

    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public static UdpAudioCapture Bind(IPEndPoint local)
    {
        var socket = new Socket(local.AddressFamily, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = ReceiveBufferBytes };
        try
        {
            socket.Bind(local);
            return new UdpAudioCapture(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public Task<CaptureStats> CaptureAsync(PacketSequencer sequencer, TimeSpan deadline, CancellationToken cancellationToken) =>
        // One blocking receive per datagram on a thread of its own costs a system call per packet and nothing
        // else: an async receive with a timeout per packet costs timers and allocations 250 times a second.
        Task.Factory.StartNew(() => Capture(sequencer, deadline, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private CaptureStats Capture(PacketSequencer sequencer, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        byte[] buffer = new byte[2048];
        TimeSpan lastAudio = TimeSpan.Zero;
        _socket.ReceiveTimeout = (int)WakeInterval.TotalMilliseconds;
        while (!sequencer.Complete)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (clock.Elapsed >= deadline || clock.Elapsed - lastAudio >= StallTimeout)
            {
                sequencer.Flush();
                if (sequencer.Complete)
                {
                    break;
                }

                string why = clock.Elapsed >= deadline ? $"the capture overran its {deadline.TotalSeconds:0} s bound" : $"no audio for {StallTimeout.TotalSeconds:0} s";
                throw new Ultimate64Exception(Ultimate64Failure.Stream,
                    $"the audio stream to {LocalEndPoint} stopped: {why}, after {sequencer.FramesWritten} of {sequencer.FramesWanted} frames ({sequencer.Received} packets received)");
            }

            int received;
            try
            {
                received = _socket.Receive(buffer);
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
            {
                // Woken to check the deadline, the stall timer and cancellation.
                continue;
            }

            if (AudioPacket.IsAudio(buffer.AsSpan(0, received)))
            {
                lastAudio = clock.Elapsed;
            }

            sequencer.Accept(buffer.AsSpan(0, received));
        }

        return CaptureStats.Of(sequencer, clock.Elapsed);
    }

    public void Dispose() => _socket.Dispose();
}
