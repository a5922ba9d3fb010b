namespace SidFlow.Core.Render;

/// <summary>The guide's <c>quality</c>: AAC bitrates for M4A and HLS (FLAC and WAV are lossless whatever the quality).</summary>
public static class RenderQuality
{
    public static readonly IReadOnlyDictionary<string, int> KilobitsPerSecond = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["low"] = 96,
        ["medium"] = 160,
        ["high"] = 256,
    };

    public static int BitrateOf(string quality) =>
        KilobitsPerSecond.TryGetValue(quality, out int kbps) ? kbps * 1000 : throw new ArgumentException($"quality must be low, medium or high, not '{quality}'");
}
