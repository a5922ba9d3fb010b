namespace SidFlow.Core.Hvsc;

/// <summary>
/// HVSC's <c>DOCUMENTS/Songlengths.md5</c>: per whole-file MD5, one length per subtune.
/// </summary>
public sealed class SongLengthDatabase
{
    private readonly Dictionary<string, TimeSpan[]> _byMd5;
    private readonly Dictionary<string, string> _md5ByPath;

    private SongLengthDatabase(Dictionary<string, TimeSpan[]> byMd5, Dictionary<string, string> md5ByPath, IReadOnlyList<string> problems)
    {
        _byMd5 = byMd5;
        _md5ByPath = md5ByPath;
        Problems = problems;
    }

    public static SongLengthDatabase Empty { get; } = new([], [], []);

    public int Count => _byMd5.Count;

    /// <summary>Lines that could not be read, with their line numbers; the rest of the file is still used.</summary>
    public IReadOnlyList<string> Problems { get; }

    public IReadOnlyList<TimeSpan>? Find(string md5) =>
        _byMd5.TryGetValue(md5.ToLowerInvariant(), out TimeSpan[]? lengths) ? lengths : null;

    /// <summary>Length of a 1-based subtune, or null when the database has no entry for it.</summary>
    public TimeSpan? Find(string md5, int subtune)
    {
        IReadOnlyList<TimeSpan>? lengths = Find(md5);
        return lengths is not null && subtune >= 1 && subtune <= lengths.Count ? lengths[subtune - 1] : null;
    }

    /// <summary>The MD5 that the comment line above an entry names for an HVSC path.</summary>
    public string? Md5ForPath(string hvscPath) =>
        _md5ByPath.TryGetValue(HvscPath.Normalize(hvscPath), out string? md5) ? md5 : null;

    public static async Task<SongLengthDatabase> LoadAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
        return Parse(await reader.ReadToEndAsync(cancellationToken));
    }

    public static SongLengthDatabase Parse(string text)
    {
        var byMd5 = new Dictionary<string, TimeSpan[]>(StringComparer.Ordinal);
        var md5ByPath = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        string? pendingPath = null;
        int lineNumber = 0;
        foreach (string rawLine in text.Split('\n'))
        {
            lineNumber++;
            string line = rawLine.TrimEnd('\r').Trim();
            if (line.Length == 0 || line.StartsWith('[') )
            {
                continue;
            }

            if (line.StartsWith(';'))
            {
                string comment = line[1..].Trim();
                pendingPath = comment.StartsWith('/') && HvscPath.TryNormalize(comment, out string p, out _) ? p : null;
                continue;
            }

            int eq = line.IndexOf('=');
            string key = eq > 0 ? line[..eq].Trim().ToLowerInvariant() : string.Empty;
            if (key.Length != 32 || !key.All(char.IsAsciiHexDigit))
            {
                problems.Add($"line {lineNumber}: expected md5=lengths");
                pendingPath = null;
                continue;
            }

            string[] parts = line[(eq + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var lengths = new TimeSpan[parts.Length];
            bool ok = parts.Length > 0;
            for (int i = 0; i < parts.Length && ok; i++)
            {
                ok = SongLength.TryParse(parts[i], out lengths[i]);
            }

            if (!ok)
            {
                problems.Add($"line {lineNumber}: unreadable song length in '{line[(eq + 1)..]}'");
                pendingPath = null;
                continue;
            }

            byMd5[key] = lengths;
            if (pendingPath is not null)
            {
                md5ByPath[pendingPath] = key;
                pendingPath = null;
            }
        }

        return new SongLengthDatabase(byMd5, md5ByPath, problems);
    }
}
