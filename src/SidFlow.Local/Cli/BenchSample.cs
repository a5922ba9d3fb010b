using System.CommandLine;

namespace SidFlow.Local.Cli;

/// <summary>How the benchmarks pick their songs: a C64Music tree (the shared HVSC sample by default), spread evenly.</summary>
public static class BenchSample
{
    public static Option<string> TreeOption(string description) =>
        new("--sample") { Description = description, DefaultValueFactory = _ => "../shared/hvsc-sample/C64Music" };

    /// <summary><paramref name="count"/> items spread evenly over <paramref name="items"/> (all of them when there are fewer).</summary>
    public static T[] EvenlySpaced<T>(IReadOnlyList<T> items, int count)
    {
        int n = Math.Min(count, items.Count);
        return Enumerable.Range(0, n).Select(i => items[(int)((long)i * items.Count / n)]).ToArray();
    }
}
