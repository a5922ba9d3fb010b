using System.Globalization;

namespace SidFlow.Ultimate64Simulator;

/// <summary>The options of <c>./sidflow u64-sim</c>.</summary>
internal static class SimulatorCommandLine
{
    public const string Usage =
        "usage: u64-sim [--port N] [--password P] [--clock PAL|NTSC] [--loss R] [--reorder N] [--duplicates R] [--seed N] [--start-sequence N]";

    /// <summary>The options the arguments ask for; null for --help. Throws <see cref="ArgumentException"/> on a bad one.</summary>
    public static SimulatorOptions? Parse(IReadOnlyList<string> args)
    {
        var options = new SimulatorOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            if (name is "-h" or "--help")
            {
                return null;
            }

            string value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value");
            switch (name)
            {
                case "--port":
                    options.Port = Number(name, value, 0, 65535);
                    break;
                case "--password":
                    options.Password = value;
                    break;
                case "--clock":
                    options.Clock = value.ToUpperInvariant() switch
                    {
                        "PAL" => SidClockKind.Pal,
                        "NTSC" => SidClockKind.Ntsc,
                        _ => throw new ArgumentException($"--clock is PAL or NTSC, not '{value}'"),
                    };
                    break;
                case "--loss":
                    options.LossRatio = Ratio(name, value);
                    break;
                case "--reorder":
                    options.ReorderDistance = Number(name, value, 0, 64);
                    break;
                case "--duplicates":
                    options.DuplicateRatio = Ratio(name, value);
                    break;
                case "--seed":
                    options.Seed = Number(name, value, int.MinValue, int.MaxValue);
                    break;
                case "--start-sequence":
                    options.StartSequence = Number(name, value, 0, 65535);
                    break;
                default:
                    throw new ArgumentException($"unknown option '{name}'");
            }
        }

        return options;
    }

    private static int Number(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{name} takes a whole number from {min} to {max}, not '{value}'");

    private static double Ratio(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double r) && r is >= 0 and <= 1
            ? r
            : throw new ArgumentException($"{name} takes a ratio from 0 to 1, not '{value}'");
}
