using System.Globalization;
using System.Text;

namespace SidFlow.Storage;

/// <summary>
/// Reversible encoding of arbitrary text (HVSC paths, item keys) into Azure Table keys, which may
/// not hold '/', '\', '#', '?' or control characters. '~' introduces a two-digit hex byte of UTF-8.
/// </summary>
public static class TableKey
{
    public static string Encode(string value)
    {
        var sb = new StringBuilder(value.Length + 8);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (Rune rune in value.EnumerateRunes())
        {
            if (rune.IsAscii && IsPlain((char)rune.Value))
            {
                sb.Append((char)rune.Value);
                continue;
            }

            int n = rune.EncodeToUtf8(utf8);
            for (int i = 0; i < n; i++)
            {
                sb.Append('~').Append(utf8[i].ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    public static string Decode(string key)
    {
        if (!key.Contains('~'))
        {
            return key;
        }

        var bytes = new List<byte>(key.Length);
        for (int i = 0; i < key.Length; i++)
        {
            if (key[i] == '~' && i + 2 < key.Length)
            {
                bytes.Add(byte.Parse(key.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
            }
            else
            {
                bytes.Add((byte)key[i]);
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static bool IsPlain(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '(' or ')' or '!' or ',' or '@' or '=' or '[' or ']';
}
