namespace SidFlow.Core.Classification;

/// <summary>
/// How far the published model's ratings are from the heuristic's and from listeners' explicit ratings,
/// over a sample of songs (mean absolute difference per rating).
/// </summary>
public sealed record ValidationReport(
    int Songs,
    string? ModelVersion,
    Ratings? ModelVersusHeuristic,
    int ExplicitRatings,
    Ratings? ModelVersusExplicit,
    Ratings? HeuristicVersusExplicit)
{
    public static Ratings? MeanAbsoluteDifference(IReadOnlyCollection<(Ratings A, Ratings B)> pairs) =>
        pairs.Count == 0
            ? null
            : new Ratings(
                Math.Round(pairs.Average(p => Math.Abs(p.A.E - p.B.E)), 3),
                Math.Round(pairs.Average(p => Math.Abs(p.A.M - p.B.M)), 3),
                Math.Round(pairs.Average(p => Math.Abs(p.A.C - p.B.C)), 3));

    public override string ToString()
    {
        static string Fmt(Ratings? r) => r is null ? "n/a" : $"e {r.E:0.###}, m {r.M:0.###}, c {r.C:0.###}";
        return $"validation over {Songs} songs: " +
               (ModelVersion is null ? "no published model, ratings come from the heuristic" : $"model {ModelVersion} vs heuristic: {Fmt(ModelVersusHeuristic)}") +
               $"; {ExplicitRatings} explicit ratings" +
               (ExplicitRatings == 0 ? string.Empty : $" (model vs explicit: {Fmt(ModelVersusExplicit)}; heuristic vs explicit: {Fmt(HeuristicVersusExplicit)})");
    }
}
