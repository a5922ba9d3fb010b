using SidFlow.Core.Jobs;

namespace SidFlow.Core.Render;

/// <summary>Where one format of a render lives: the local file next to the WAV, the blob, and its content type.</summary>
public sealed record RenderTarget(string Local, string Blob, string ContentType)
{
    /// <param name="wav">the rendered WAV, whose folder holds the encodings</param>
    /// <param name="baseName"><c>{sidPath}/{subtune}/{renderer}</c></param>
    public static RenderTarget For(string format, string wav, string baseName)
    {
        string work = Path.GetDirectoryName(wav)!;
        string blob = BlobOf(format, baseName);
        return format switch
        {
            "wav" => new(wav, blob, "audio/wav"),
            "m4a" => new(Path.Combine(work, "render.m4a"), blob, "audio/mp4"),
            "flac" => new(Path.Combine(work, "render.flac"), blob, "audio/flac"),
            "hls" => new(Path.Combine(work, "hls"), blob, "application/vnd.apple.mpegurl"),
            _ => throw new PermanentItemFailureException($"cannot produce '{format}'"),
        };
    }

    /// <summary>The blob of a format of <c>{sidPath}/{subtune}/{renderer}</c> (for HLS: its playlist, beside the segments).</summary>
    public static string BlobOf(string format, string baseName) =>
        format == "hls" ? $"{baseName}-hls/{AudioEncoder.HlsPlaylist}" : $"{baseName}.{format}";
}
