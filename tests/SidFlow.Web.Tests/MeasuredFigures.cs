using System.Globalization;
using Xunit;

namespace SidFlow.Web.Tests;

/// <summary>Figures the browser tests measure (reported, never asserted as thresholds beyond the issue's): one line each in figures.txt of the test output.</summary>
public static class MeasuredFigures
{
    private static readonly Lock Gate = new();

    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "figures.txt");

    public static void Record(string name, double value, string unit)
    {
        string line = string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:O} {name} = {value:0.###} {unit}");
        lock (Gate)
        {
            File.AppendAllLines(FilePath, [line]);
        }

        TestContext.Current.SendDiagnosticMessage(line);
    }
}
