using System.Globalization;
using System.Net;

namespace SidFlow.Ultimate64Simulator;

/// <summary>
/// The <c>ip</c> argument of <c>streams/audio:start</c>: <c>host[:port]</c> (IPv6 as <c>[::1]:port</c>), port
/// 11001 when left out. The simulator sends only to loopback addresses, so nothing leaves the machine.
/// </summary>
internal static class StreamTarget
{
    public static bool TryParse(string text, out IPEndPoint? target, out string error)
    {
        target = null;
        string host = text;
        string? port = null;
        if (text.StartsWith('['))
        {
            int close = text.IndexOf(']', StringComparison.Ordinal);
            string rest = close < 0 ? "?" : text[(close + 1)..];
            if (close < 0 || (rest.Length > 0 && !rest.StartsWith(':')))
            {
                error = $"'{text}' is not host[:port]";
                return false;
            }

            host = text[1..close];
            port = rest.Length > 0 ? rest[1..] : null;
        }
        else if (text.Count(c => c == ':') == 1)
        {
            int colon = text.IndexOf(':', StringComparison.Ordinal);
            host = text[..colon];
            port = text[(colon + 1)..];
        }

        IPAddress? address = string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback : null;
        if (address is null && !IPAddress.TryParse(host, out address))
        {
            error = $"'{host}' is not an IP address";
            return false;
        }

        if (!IPAddress.IsLoopback(address))
        {
            error = $"the simulator streams to loopback addresses only, and '{host}' is not one";
            return false;
        }

        int number = AudioTiming.DefaultPort;
        if (port is not null && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number is < 1 or > 65535))
        {
            error = $"'{port}' is not a port";
            return false;
        }

        target = new IPEndPoint(address, number);
        error = "";
        return true;
    }
}
