using System.Text.RegularExpressions;
using SidFlow.Core.Hvsc;
using SidFlow.Core.Render;

namespace SidFlow.Api.Render;

/// <summary>
/// What <c>GET /api/assets/{sidPath}/{subtune}/{renderer}.{ext}</c> asks for, and the blob of the <c>renders</c>
/// container that holds it: <c>wav</c>, <c>m4a</c>, <c>flac</c>, <c>m3u8</c> (the HLS playlist, kept at
/// <c>{renderer}-hls/index.m3u8</c>) or an HLS segment <c>{renderer}-hls/segmentNNN.ts</c>.
/// </summary>
public sealed partial record AssetAddress(string SidPath, int Subtune, string Renderer, string Kind, string Blob)
{
    public const string Playlist = "m3u8";
    public const string Segment = "ts";

    /// <summary>Reads the address; false with the reason (400) when the SID path leaves the collection or the shape is wrong.</summary>
    public static bool TryParse(string? address, out AssetAddress? parsed, out string reason)
    {
        parsed = null;
        string[] parts = (address ?? string.Empty).Split('/');
        if (parts.Length >= 4 && parts[^2].EndsWith("-hls", StringComparison.Ordinal) && SegmentName().IsMatch(parts[^1]))
        {
            return TryBuild(parts[..^3], parts[^3], parts[^2][..^4], Segment, parts[^1], out parsed, out reason);
        }

        if (parts.Length >= 3 && FileName().Match(parts[^1]) is { Success: true } file)
        {
            return TryBuild(parts[..^2], parts[^2], file.Groups[1].Value, file.Groups[2].Value, null, out parsed, out reason);
        }

        reason = "the address must be {sidPath}/{subtune}/{renderer}.{wav|m4a|flac|m3u8} or {sidPath}/{subtune}/{renderer}-hls/segmentNNN.ts";
        return false;
    }

    private static bool TryBuild(string[] pathParts, string subtuneText, string renderer, string kind, string? segment, out AssetAddress? parsed, out string reason)
    {
        parsed = null;
        if (!HvscPath.TryNormalizeRelative(string.Join('/', pathParts), out string sidPath, out string? pathReason) || !HvscPath.IsSidFile(sidPath))
        {
            reason = $"sidPath: {pathReason ?? "must be a .sid file of the collection"}";
            return false;
        }

        if (!int.TryParse(subtuneText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int subtune) || subtune < 1)
        {
            reason = "subtune must be a whole number from 1";
            return false;
        }

        if (!RendererName().IsMatch(renderer))
        {
            reason = "renderer must be a renderer's name (sidplayfp, emu, ultimate64)";
            return false;
        }

        string folder = $"{sidPath}/{subtune}/{renderer}";
        // The layout the renders were uploaded with (RenderTarget): segments sit beside the playlist.
        string blob = kind switch
        {
            Playlist => RenderTarget.BlobOf("hls", folder),
            Segment => $"{folder}-hls/{segment}",
            _ => RenderTarget.BlobOf(kind, folder),
        };
        parsed = new AssetAddress(sidPath, subtune, renderer, kind, blob);
        reason = string.Empty;
        return true;
    }

    [GeneratedRegex(@"^([a-z0-9]+)\.(wav|m4a|flac|m3u8)$")]
    private static partial Regex FileName();

    [GeneratedRegex(@"^segment[0-9]{3,6}\.ts$")]
    private static partial Regex SegmentName();

    [GeneratedRegex(@"^[a-z0-9]+$")]
    private static partial Regex RendererName();
}
