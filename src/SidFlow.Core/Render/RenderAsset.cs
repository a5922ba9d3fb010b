namespace SidFlow.Core.Render;

/// <summary>
/// One rendered asset of one song, as the availability manifest records it. <see cref="Parameters"/>
/// names everything the bytes depend on, so an asset with the same parameters is not rendered again.
/// </summary>
public sealed record RenderAsset
{
    public required string SidPath { get; init; }
    public required int Subtune { get; init; }

    /// <summary>wav, m4a, flac, hls (a playlist with segments) or sid (what a WASM client plays itself).</summary>
    public required string Format { get; init; }

    public required long Size { get; init; }
    public required double Duration { get; init; }
    public int? Bitrate { get; init; }
    public int SampleRate { get; init; }
    public int Channels { get; init; }
    public required DateTimeOffset RenderedAt { get; init; }
    public required string Renderer { get; init; }

    /// <summary>Blob name in the <c>renders</c> container (for HLS: the playlist).</summary>
    public required string Blob { get; init; }

    public required string Parameters { get; init; }

    /// <summary>Hardware captures: the share of the stream's packets that never arrived (filled with silence).</summary>
    public double? PacketLoss { get; init; }

    /// <summary>Hardware captures: the device and its firmware, and the SID model it played with.</summary>
    public string? Device { get; init; }
}
