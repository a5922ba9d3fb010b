using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SidFlow.Core.Hvsc.Update;

/// <summary>
/// An HVSC update script (<c>UpdateNN.hvs</c>), read by the rules of the official update tool:
/// keyword lines set the mode, blocks of a fixed number of raw lines follow, blank and comment lines
/// are skipped only between blocks. Values are checked here, so a line the tool would refuse fails
/// the whole update with its line number.
/// </summary>
public sealed partial class UpdateScript
{
    public static readonly IReadOnlyDictionary<string, int> LinesPerBlock = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["DELETE"] = 1, ["MKDIR"] = 1, ["FIXLOAD"] = 1,
        ["TITLE"] = 2, ["AUTHOR"] = 2, ["RELEASED"] = 2, ["SPEED"] = 2, ["SONGS"] = 2, ["INITPLAY"] = 2, ["FREEPAGES"] = 2,
        ["MUSPLAYER"] = 2, ["PLAYSID"] = 2, ["CLOCK"] = 2, ["SIDMODEL"] = 2, ["MOVE"] = 2, ["REPLACE"] = 2,
        ["CREDITS"] = 4,
        ["FLAGS"] = 5,
    };

    public static readonly IReadOnlyList<string> ClockValues = ["UNKNOWN", "PAL", "NTSC", "ANY", "EITHER"];
    public static readonly IReadOnlyList<string> ModelValues = ["UNKNOWN", "6581", "8580", "ANY", "EITHER"];

    private UpdateScript(string name, IReadOnlyList<UpdateCommand> commands, int? resulting, int? previous)
    {
        Name = name;
        Commands = commands;
        ResultingVersion = resulting;
        PreviousVersion = previous;
    }

    public string Name { get; }
    public IReadOnlyList<UpdateCommand> Commands { get; }

    /// <summary><c># Resulting Version: NN</c> of the first ten lines, when present.</summary>
    public int? ResultingVersion { get; }

    /// <summary><c># Previous Version: NN</c> of the first ten lines, when present.</summary>
    public int? PreviousVersion { get; }

    /// <summary>Splits on LF, CR LF or CR, as the tool does; text is Latin-1.</summary>
    public static string[] SplitLines(string text) => text.Split(["\r\n", "\n", "\r"], StringSplitOptions.None);

    public static UpdateScript Parse(byte[] bytes, string name) => Parse(Encoding.Latin1.GetString(bytes), name);

    public static UpdateScript Parse(string text, string name)
    {
        string[] lines = SplitLines(text);
        if (lines.Length > 0 && lines[^1].Length == 0)
        {
            lines = lines[..^1];
        }

        var commands = new List<UpdateCommand>();
        string? mode = null;
        bool ignoring = false;
        int i = 0;
        while (i < lines.Length)
        {
            string line = lines[i];
            string squeezed = Whitespace().Replace(line, string.Empty);
            if (LinesPerBlock.ContainsKey(squeezed) || squeezed == "COPYRIGHT")
            {
                // COPYRIGHT on HVSC 5.1 and later makes the tool ignore everything up to the next keyword.
                ignoring = squeezed == "COPYRIGHT";
                mode = ignoring ? null : squeezed;
                i++;
                continue;
            }

            string trimmed = line.TrimStart();
            if (trimmed.Length == 0 || trimmed[0] is '#' or ';' || ignoring)
            {
                i++;
                continue;
            }

            if (mode is null)
            {
                throw new UpdateScriptException(name, i + 1, $"'{line}' comes before any keyword (DELETE, MOVE, REPLACE, TITLE, ...)");
            }

            int count = LinesPerBlock[mode];
            if (i + count > lines.Length)
            {
                throw new UpdateScriptException(name, i + 1, $"{mode} needs {count} lines but the script ends");
            }

            string[] block = lines[i..(i + count)];
            commands.Add(ParseBlock(name, i + 1, mode, block));
            i += count;
        }

        (int? resulting, int? previous) = ReadVersions(lines);
        return new UpdateScript(name, commands, resulting, previous);
    }

    private static UpdateCommand ParseBlock(string script, int line, string mode, string[] block)
    {
        UpdateScriptException Bad(int offset, string message) => new(script, line + offset, $"{mode}: {message}");

        switch (mode)
        {
            case "DELETE":
                return new DeleteCommand(line, block[0]);
            case "MKDIR":
                return new MakeDirectoryCommand(line, block[0]);
            case "MOVE":
            case "REPLACE":
                return new MoveCommand(line, mode, block[0], block[1]);
            case "FIXLOAD":
                return new HeaderEditCommand(line, mode, block[0], []);
            case "SONGS":
                if (!TwoNumbers(block[1], NumberStyles.None, out _, out _))
                {
                    throw Bad(1, $"'{block[1]}' is not 'songs,start' in decimal");
                }

                break;
            case "SPEED":
                if (block[1].Length is 0 or > 8 || !uint.TryParse(block[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _))
                {
                    throw Bad(1, $"'{block[1]}' is not a hexadecimal speed of up to 32 bits");
                }

                break;
            case "INITPLAY":
            case "FREEPAGES":
                if (!TwoNumbers(block[1], NumberStyles.AllowHexSpecifier, out uint a, out uint b) || a > (mode == "INITPLAY" ? 0xFFFFu : 0xFFu) || b > (mode == "INITPLAY" ? 0xFFFFu : 0xFFu))
                {
                    throw Bad(1, $"'{block[1]}' is not two hexadecimal numbers '{(mode == "INITPLAY" ? "init,play" : "start,length")}'");
                }

                break;
            case "MUSPLAYER":
            case "PLAYSID":
                if (block[1] is not ("0" or "1"))
                {
                    throw Bad(1, $"'{block[1]}' must be 0 or 1");
                }

                break;
            case "CLOCK":
                if (!ClockValues.Contains(block[1]))
                {
                    throw Bad(1, $"'{block[1]}' must be one of {string.Join(", ", ClockValues)}");
                }

                break;
            case "SIDMODEL":
                if (!ModelValues.Contains(block[1]))
                {
                    throw Bad(1, $"'{block[1]}' must be one of {string.Join(", ", ModelValues)}");
                }

                break;
            case "FLAGS":
                ValidateFlag(block[1], ["0", "1"], 1);
                ValidateFlag(block[2], ["0", "1"], 2);
                ValidateFlag(block[3], ClockValues, 3);
                ValidateFlag(block[4], ModelValues, 4);
                break;
        }

        return new HeaderEditCommand(line, mode, block[0], block[1..]);

        void ValidateFlag(string value, IReadOnlyList<string> allowed, int offset)
        {
            if (value != "*" && !allowed.Contains(value))
            {
                throw Bad(offset, $"'{value}' must be * or one of {string.Join(", ", allowed)}");
            }
        }
    }

    public static bool TwoNumbers(string text, NumberStyles style, out uint first, out uint second)
    {
        first = second = 0;
        string[] parts = text.Split(',');
        return parts.Length == 2
               && parts[0].Length > 0 && parts[1].Length > 0
               && uint.TryParse(parts[0], style, CultureInfo.InvariantCulture, out first)
               && uint.TryParse(parts[1], style, CultureInfo.InvariantCulture, out second);
    }

    private static (int?, int?) ReadVersions(string[] lines)
    {
        int? resulting = null, previous = null;
        foreach (string line in lines.Take(10))
        {
            string squeezed = Whitespace().Replace(line, string.Empty);
            if (squeezed.StartsWith("#ResultingVersion:", StringComparison.OrdinalIgnoreCase) && int.TryParse(squeezed["#ResultingVersion:".Length..], out int r))
            {
                resulting = r;
            }
            else if (squeezed.StartsWith("#PreviousVersion:", StringComparison.OrdinalIgnoreCase) && int.TryParse(squeezed["#PreviousVersion:".Length..], out int p))
            {
                previous = p;
            }
        }

        return (resulting, previous);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
