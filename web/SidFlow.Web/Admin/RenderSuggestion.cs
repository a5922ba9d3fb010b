using System.Text.RegularExpressions;

namespace SidFlow.Web.Admin;

/// <summary>A suggestion of the render API's 400 ("Use server+offline+cli for ..."), read back into a mode the form can take.</summary>
public static partial class RenderSuggestion
{
    /// <summary>The location, time and technology the suggestion names, and the target that row starts with; null when it names none.</summary>
    public static (string Location, string Time, string Technology, string Target)? Parse(string suggestion)
    {
        Match m = ModePattern().Match(suggestion);
        if (!m.Success)
        {
            return null;
        }

        string technology = m.Groups[3].Value;
        string target = technology switch
        {
            "wasm" => "live",
            "hls" => "streamed",
            _ => "wav",
        };
        return (m.Groups[1].Value, m.Groups[2].Value, technology, target);
    }

    [GeneratedRegex(@"([a-z0-9]+)\+([a-z-]+)\+([a-z0-9]+)")]
    private static partial Regex ModePattern();
}
