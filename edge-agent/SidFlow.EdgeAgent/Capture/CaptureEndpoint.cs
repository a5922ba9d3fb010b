using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SidFlow.Core.Render;

namespace SidFlow.EdgeAgent.Capture;

/// <summary>
/// Where the capture socket binds and what the device is told to stream to (<c>audio:start?ip=host:port</c>).
/// With <c>receiverAddress</c> set, its host (bound to, when it is an address) and port (else the bound one);
/// without it, the agent's own address on the route to the device, which is what the device can reach.
/// </summary>
public sealed record CaptureEndpoint(IPEndPoint Bind, string TargetHost, int? TargetPort)
{
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(5);

    public string ReceiverFor(IPEndPoint bound) =>
        string.Create(CultureInfo.InvariantCulture, $"{TargetHost}:{TargetPort ?? bound.Port}");

    public static async Task<CaptureEndpoint> ResolveAsync(Ultimate64Options options, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(options.ReceiverAddress))
        {
            (string host, int? port) = Split(options.ReceiverAddress.Trim());
            IPAddress bindTo = IPAddress.TryParse(host, out IPAddress? ip) ? ip : IPAddress.Any;
            return new CaptureEndpoint(new IPEndPoint(bindTo, options.CapturePort), host, port);
        }

        IPAddress lan = await LocalAddressTowardsAsync(options.Host!, options.Port, cancellationToken);
        return new CaptureEndpoint(new IPEndPoint(IPAddress.Any, options.CapturePort), lan.ToString(), null);
    }

    private static (string Host, int? Port) Split(string address)
    {
        int colon = address.LastIndexOf(':');
        if (colon > 0 && address.IndexOf(':') == colon)
        {
            return int.TryParse(address[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port is > 0 and < 65_536
                ? (address[..colon], port)
                : throw new ArgumentException($"render.ultimate64.receiverAddress '{address}' has no valid port (host[:port])");
        }

        return (address, null);
    }

    /// <summary>The local address the operating system would send from to reach the device (no packet is sent).</summary>
    private static async Task<IPAddress> LocalAddressTowardsAsync(string host, int port, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ResolveTimeout);
        IPAddress device = IPAddress.TryParse(host, out IPAddress? ip) ? ip
            : (await Dns.GetHostAddressesAsync(host, AddressFamily.InterNetwork, timeout.Token)).FirstOrDefault()
              ?? throw new ArgumentException($"render.ultimate64.host '{host}' does not resolve to an IPv4 address");
        using var probe = new Socket(device.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        probe.Connect(new IPEndPoint(device, port));
        return ((IPEndPoint)probe.LocalEndPoint!).Address;
    }
}
