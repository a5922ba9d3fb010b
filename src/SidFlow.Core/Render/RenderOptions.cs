namespace SidFlow.Core.Render;

/// <summary>The <c>render</c> section of <c>.sidflow.json</c>.</summary>
public sealed class RenderOptions
{
    /// <summary>
    /// Engines in order of preference (sidplayfp when none is configured: a default list would be appended to,
    /// not replaced, by configuration binding); <c>wasm</c> is a client technology, accepted and skipped here.
    /// </summary>
    public List<string> PreferredEngines { get; set; } = [];

    public List<string> DefaultFormats { get; set; } = ["wav", "m4a"];
    public int DefaultDurationSec { get; set; } = 180;
    public int SampleRate { get; set; } = 44_100;
    public string SidplayPath { get; set; } = "sidplayfp";
    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <summary>The engine classification renders with: the built-in emulator, many times faster than sidplayfp.</summary>
    public string ClassifyEngine { get; set; } = "emu";

    /// <summary>A render may take this long plus <see cref="SecondsPerSecond"/> times its length before it is stopped.</summary>
    public TimeSpan StartupAllowance { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Wall-clock seconds allowed per second of audio (0.5 = at least 2x real time).</summary>
    public double SecondsPerSecond { get; set; } = 0.5;

    public TimeSpan EncodeTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public Ultimate64Options Ultimate64 { get; set; } = new();

    public TimeSpan TimeoutFor(TimeSpan audio) => StartupAllowance + TimeSpan.FromSeconds(audio.TotalSeconds * SecondsPerSecond);
}

/// <summary>The guide's <c>render.ultimate64</c> block: the edge agent uses the device settings; the server the timeout.</summary>
public sealed class Ultimate64Options
{
    public string? Host { get; set; }
    public int Port { get; set; } = 80;
    public string? Username { get; set; }
    public string? Password { get; set; }
    public int CapturePort { get; set; } = 11001;
    public string SidType { get; set; } = "6581";
    public string ClockSpeed { get; set; } = "PAL";
    public int MaxConcurrent { get; set; } = 1;

    /// <summary>How long a hardware render may take, in milliseconds, before the item fails.</summary>
    public int Timeout { get; set; } = 300_000;

    /// <summary>How long one REST request to the device may take, in milliseconds (each is tried 3 times).</summary>
    public int RequestTimeout { get; set; } = 10_000;

    public string? FilterCurve { get; set; }
    public int BufferSize { get; set; } = 2048;
    public double PacketLossThreshold { get; set; } = 0.01;

    /// <summary>
    /// <c>host[:port]</c> the device streams audio to: the agent's own LAN address (the one it reaches the
    /// device from) and <see cref="CapturePort"/> when not set; the capture socket binds to this host when it is an address.
    /// </summary>
    public string? ReceiverAddress { get; set; }

    /// <summary>0 keeps captures at the device's rate (PAL 47,983 Hz in the WAV header); e.g. 48000 resamples them with ffmpeg.</summary>
    public int OutputSampleRate { get; set; }

    /// <summary>The agent's name in heartbeats and availability (the machine name when not set).</summary>
    public string? AgentName { get; set; }

    /// <summary>Seconds between the agent's heartbeats; health reports an agent unseen for three of them as gone.</summary>
    public int HeartbeatSeconds { get; set; } = 30;
}
