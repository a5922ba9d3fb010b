using System.Text;

namespace SidFlow.Core.Hvsc;

/// <summary>HVSC's <c>DOCUMENTS/STIL.txt</c>, the SID Tune Information List, keyed by HVSC path.</summary>
public sealed class StilDatabase
{
    private static readonly string[] FieldNames = ["NAME", "AUTHOR", "TITLE", "ARTIST", "COMMENT"];
    private const string Continuation = "         ";

    private readonly Dictionary<string, StilEntry> _entries;

    private StilDatabase(Dictionary<string, StilEntry> entries) => _entries = entries;

    public static StilDatabase Empty { get; } = new(new Dictionary<string, StilEntry>(StringComparer.OrdinalIgnoreCase));

    public int Count => _entries.Count;

    public IEnumerable<StilEntry> Entries => _entries.Values;

    /// <summary>The entry of a file, or of a directory when the path ends in '/'.</summary>
    public StilEntry? Find(string hvscPath)
    {
        if (!HvscPath.TryNormalize(hvscPath, out string p, out _))
        {
            return null;
        }

        string key = hvscPath.EndsWith('/') ? p + "/" : p;
        return _entries.TryGetValue(key, out StilEntry? e) ? e : null;
    }

    public static async Task<StilDatabase> LoadAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, Encoding.Latin1);
        return Parse(await reader.ReadToEndAsync(cancellationToken));
    }

    public static StilDatabase Parse(string text)
    {
        var entries = new Dictionary<string, StilEntry>(StringComparer.OrdinalIgnoreCase);
        EntryBuilder? current = null;

        void Finish()
        {
            if (current is not null)
            {
                StilEntry entry = current.Build();
                entries[entry.Path] = entry;
                current = null;
            }
        }

        foreach (string raw in text.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                Finish();
                continue;
            }

            if (line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith('/'))
            {
                Finish();
                string path = line.Trim();
                bool directory = path.EndsWith('/');
                if (HvscPath.TryNormalize(path, out string normalized, out _))
                {
                    current = new EntryBuilder(directory ? normalized + "/" : normalized);
                }

                continue;
            }

            if (current is null)
            {
                continue;
            }

            if (line.StartsWith("(#", StringComparison.Ordinal) && line.TrimEnd().EndsWith(')') &&
                int.TryParse(line.AsSpan(2, line.TrimEnd().Length - 3), out int subtune) && subtune > 0)
            {
                current.StartSubtune(subtune);
                continue;
            }

            if (line.StartsWith(Continuation, StringComparison.Ordinal))
            {
                current.Continue(line.Trim());
                continue;
            }

            int colon = line.IndexOf(':');
            string field = colon > 0 ? line[..colon].Trim() : string.Empty;
            int order = Array.IndexOf(FieldNames, field);
            if (order >= 0)
            {
                current.SetField(order, line[(colon + 1)..].Trim());
            }
            else
            {
                current.Continue(line.Trim());
            }
        }

        Finish();
        return new StilDatabase(entries);
    }

    private sealed class EntryBuilder(string path)
    {
        private readonly Dictionary<int, List<StilTuneInfo>> _sections = [];
        private int _subtune;
        private string?[] _fields = new string?[5];
        private int _lastField = -1;

        public void StartSubtune(int subtune)
        {
            FlushBlock();
            _subtune = subtune;
        }

        public void SetField(int order, string value)
        {
            // Fields come in NAME, AUTHOR, TITLE, ARTIST, COMMENT order; a repeat or a step back starts a new block (a cover).
            if (_fields[order] is not null || order < _lastField)
            {
                FlushBlock();
            }

            _fields[order] = value;
            _lastField = order;
        }

        public void Continue(string text)
        {
            if (_lastField >= 0)
            {
                _fields[_lastField] = _fields[_lastField] + " " + text;
            }
        }

        public StilEntry Build()
        {
            FlushBlock();
            return new StilEntry(path, _sections.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<StilTuneInfo>)kv.Value));
        }

        private void FlushBlock()
        {
            if (_lastField < 0)
            {
                return;
            }

            if (!_sections.TryGetValue(_subtune, out List<StilTuneInfo>? blocks))
            {
                blocks = [];
                _sections[_subtune] = blocks;
            }

            blocks.Add(new StilTuneInfo(_fields[0], _fields[1], _fields[2], _fields[3], _fields[4]));
            _fields = new string?[5];
            _lastField = -1;
        }
    }
}
