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
        return format switch
        {
            "wav" => new(wav, baseName + ".wav", "audio/wav"),
            "m4a" => new(Path.Combine(work, "render.m4a"), baseName + ".m4a", "audio/mp4"),
            "flac" => new(Path.Combine(work, "render.flac"), baseName + ".flac", "audio/flac"),
            "hls" => new(Path.Combine(work, "hls"), $"{baseName}-hls/{AudioEncoder.HlsPlaylist}", "application/vnd.apple.mpegurl"),
            _ => throw new PermanentItemFailureException($"cannot produce '{format}'"),
        };
    }
}
