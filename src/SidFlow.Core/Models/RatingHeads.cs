namespace SidFlow.Core.Models;

/// <summary>What a rating model predicts, one regression each: the three rating dimensions and the implicit appeal.</summary>
public static class RatingHeads
{
    public const string Energy = "energy";
    public const string Mood = "mood";
    public const string Complexity = "complexity";
    public const string Appeal = "appeal";

    public static readonly IReadOnlyList<string> Ratings = [Energy, Mood, Complexity];

    public static readonly IReadOnlyList<string> All = [Energy, Mood, Complexity, Appeal];

    public static string ArtifactName(string head) => $"{head}.zip";

    public static double? TargetOf(TrainingSample sample, string head) => head switch
    {
        Energy => sample.Energy,
        Mood => sample.Mood,
        Complexity => sample.Complexity,
        _ => sample.Appeal,
    };
}
