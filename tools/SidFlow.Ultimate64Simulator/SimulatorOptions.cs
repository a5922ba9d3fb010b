using Microsoft.Extensions.Logging;

namespace SidFlow.Ultimate64Simulator;

/// <summary>
/// How the simulated Ultimate 64 behaves. The network knobs (password, loss, reorder, duplicates, unresponsive)
/// may change while it runs: they are read per request and per packet.
/// </summary>
public sealed class SimulatorOptions
{
    /// <summary>HTTP port on 127.0.0.1; 0 takes any free port (see <see cref="Ultimate64Simulator.BaseAddress"/>).</summary>
    public int Port { get; set; }

    /// <summary>The network password; when set, every request must carry it as <c>X-Password</c> or gets 403.</summary>
    public string? Password { get; set; }

    /// <summary>PAL or NTSC: the clock songs are emulated with and the stream's rate (read when a song or a stream starts).</summary>
    public SidClockKind Clock { get; set; } = SidClockKind.Pal;

    /// <summary>Share of audio packets not sent (0..1); a lost packet still uses up its sequence number and its frames.</summary>
    public double LossRatio { get; set; }

    /// <summary>0 sends packets in order; otherwise <see cref="ReorderRatio"/> of them go out 1..N places late.</summary>
    public int ReorderDistance { get; set; }

    /// <summary>Share of packets held back when <see cref="ReorderDistance"/> is above 0.</summary>
    public double ReorderRatio { get; set; } = 0.1;

    /// <summary>Share of sent packets sent a second time right after the first.</summary>
    public double DuplicateRatio { get; set; }

    /// <summary>Accept connections and requests but never answer them (until disposed), and send no UDP at all.</summary>
    public bool Unresponsive { get; set; }

    /// <summary>Sequence number of a stream's first audio packet; null draws one from <see cref="Seed"/>'s generator.</summary>
    public int? StartSequence { get; set; }

    /// <summary>Seeds the generator behind loss, reorder, duplicates and start sequences, so a run can be repeated exactly.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>2-byte datagrams sent before the first audio packet (the device's way of learning the receiver's address).</summary>
    public int HandshakeDatagrams { get; set; } = 3;

    public string Product { get; set; } = "Ultimate 64";

    public string FirmwareVersion { get; set; } = "3.12";

    public string FpgaVersion { get; set; } = "11F";

    public string CoreVersion { get; set; } = "1.45";

    public string Hostname { get; set; } = "Ultimate-64-Simulator";

    public string UniqueId { get; set; } = "5D1F0A";

    /// <summary>Where the simulator logs; nowhere when null.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
