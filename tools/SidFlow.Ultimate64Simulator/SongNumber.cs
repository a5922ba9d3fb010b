namespace SidFlow.Ultimate64Simulator;

/// <summary>
/// Reads <c>songnr</c> the way the firmware does (C's <c>strtol</c> with base 0): <c>0x</c> starts hex, a leading
/// <c>0</c> octal, anything else is decimal; so <c>010</c> is song 8. Unlike <c>strtol</c>, text that is not a
/// whole number is refused rather than read as far as it goes.
/// </summary>
internal static class SongNumber
{
    public static bool TryParse(string text, out int number)
    {
        number = 0;
        string digits = text.Trim();
        bool negative = digits.StartsWith('-');
        if (negative || digits.StartsWith('+'))
        {
            digits = digits[1..];
        }

        int radix = 10;
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            radix = 16;
            digits = digits[2..];
        }
        else if (digits.Length > 1 && digits[0] == '0')
        {
            radix = 8;
            digits = digits[1..];
        }

        if (digits.Length is 0 or > 9)
        {
            return false;
        }

        long value = 0;
        foreach (char c in digits)
        {
            int digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiHexDigit(c) ? char.ToLowerInvariant(c) - 'a' + 10 : radix;
            if (digit >= radix)
            {
                return false;
            }

            value = (value * radix) + digit;
        }

        number = (int)(negative ? -value : value);
        return true;
    }
}
