namespace SidFlow.Core.Hvsc;

public static class SongLength
{
    /// <summary>Parses <c>m:ss[.SSS]</c> as HVSC's Songlengths.md5 writes it.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out TimeSpan length)
    {
        length = default;
        // The old format may append attributes such as "(G)"; they carry no length.
        int paren = text.IndexOf('(');
        if (paren >= 0)
        {
            text = text[..paren];
        }

        int colon = text.IndexOf(':');
        if (colon <= 0 || !int.TryParse(text[..colon], out int minutes) || minutes < 0)
        {
            return false;
        }

        ReadOnlySpan<char> rest = text[(colon + 1)..];
        int dot = rest.IndexOf('.');
        ReadOnlySpan<char> secondsText = dot < 0 ? rest : rest[..dot];
        if (secondsText.Length is < 1 or > 2 || !int.TryParse(secondsText, out int seconds) || seconds is < 0 or > 59)
        {
            return false;
        }

        int millis = 0;
        if (dot >= 0)
        {
            ReadOnlySpan<char> fraction = rest[(dot + 1)..];
            if (fraction.Length is < 1 or > 3 || !int.TryParse(fraction, out millis) || millis < 0)
            {
                return false;
            }

            millis *= fraction.Length switch { 1 => 100, 2 => 10, _ => 1 };
        }

        length = new TimeSpan(0, 0, minutes, seconds, millis);
        return true;
    }

    public static string Format(TimeSpan length)
    {
        int minutes = (int)length.TotalMinutes;
        return length.Milliseconds == 0
            ? $"{minutes}:{length.Seconds:00}"
            : $"{minutes}:{length.Seconds:00}.{length.Milliseconds:000}";
    }
}
