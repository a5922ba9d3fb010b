using System.Text.RegularExpressions;
using SidFlow.Emulation.Sid;

namespace SidFlow.Core.Classification;

/// <summary>Features from the header and catalog: chip model, clock, number of SID chips, song count, speed, year.</summary>
public static partial class SidFeatures
{
    public static IReadOnlyDictionary<string, double> Of(SidFile sid, int subtune) => new Dictionary<string, double>(StringComparer.Ordinal)
    {
        // Unknown or "either" models sit between the two.
        ["sidModel8580"] = sid.SidModel1 switch { SidModel.Mos8580 => 1, SidModel.Mos6581 => 0, _ => 0.5 },
        ["clockNtsc"] = sid.Clock switch { SidClock.Ntsc => 1, SidClock.Pal => 0, _ => 0.5 },
        ["sidChips"] = sid.SidChipCount,
        ["songCount"] = sid.Songs,
        ["ciaSpeed"] = sid.GetSpeed(subtune) == SidSpeed.CiaTimer ? 1 : 0,
        ["year"] = YearOf(sid.Released) ?? 0,
        ["yearKnown"] = YearOf(sid.Released) is null ? 0 : 1,
    };

    /// <summary>The first plausible year in a released string ("1987 Time Warp", "198? Ocean" gives none).</summary>
    public static int? YearOf(string released)
    {
        Match m = Year().Match(released);
        return m.Success ? int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"\b(19[7-9]\d|20[0-4]\d)\b")]
    private static partial Regex Year();
}
