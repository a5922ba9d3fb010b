namespace SidFlow.Core.Hvsc;

/// <summary>
/// A path inside the collection, relative to <c>C64Music/</c>, with forward slashes
/// (<c>MUSICIANS/H/Hubbard_Rob/Delta.sid</c>). Anything that could leave the collection is refused.
/// </summary>
public static class HvscPath
{
    /// <summary>Normalizes a path from a request, archive or script; throws <see cref="InvalidHvscPathException"/> when it leaves the collection.</summary>
    public static string Normalize(string? path)
    {
        if (!TryNormalize(path, out string normalized, out string? reason))
        {
            throw new InvalidHvscPathException(path ?? string.Empty, reason!);
        }

        return normalized;
    }

    public static bool TryNormalize(string? path, out string normalized, out string? reason)
    {
        normalized = string.Empty;
        if (string.IsNullOrWhiteSpace(path))
        {
            reason = "path is empty";
            return false;
        }

        if (path.IndexOf('\0') >= 0 || path.Any(char.IsControl))
        {
            reason = "path contains control characters";
            return false;
        }

        string p = path.Replace('\\', '/');
        if (p.Length >= 2 && char.IsAsciiLetter(p[0]) && p[1] == ':')
        {
            reason = "path names a drive";
            return false;
        }

        if (p.StartsWith("//", StringComparison.Ordinal))
        {
            reason = "path names a network share";
            return false;
        }

        // A single leading slash means "from the collection root", as HVSC documents write paths.
        p = p.TrimStart('/');
        var parts = new List<string>();
        foreach (string part in p.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                reason = "path contains '..'";
                return false;
            }

            parts.Add(part);
        }

        if (parts.Count == 0)
        {
            reason = "path names the collection root";
            return false;
        }

        normalized = string.Join('/', parts);
        reason = null;
        return true;
    }

    /// <summary>A request path that must be relative: a leading '/' or a drive is refused rather than re-rooted.</summary>
    public static bool TryNormalizeRelative(string? path, out string normalized, out string? reason)
    {
        if (path is not null && (path.StartsWith('/') || path.StartsWith('\\')))
        {
            normalized = string.Empty;
            reason = "path is absolute";
            return false;
        }

        return TryNormalize(path, out normalized, out reason);
    }

    public static bool IsSidFile(string path) => path.EndsWith(".sid", StringComparison.OrdinalIgnoreCase);

    public static string? Parent(string path)
    {
        int slash = path.LastIndexOf('/');
        return slash < 0 ? null : path[..slash];
    }

    public static string FileName(string path) => path[(path.LastIndexOf('/') + 1)..];
}
