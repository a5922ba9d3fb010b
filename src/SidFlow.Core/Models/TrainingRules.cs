using SidFlow.Core.Feedback;

namespace SidFlow.Core.Models;

/// <summary>
/// How feedback becomes training targets (docs/models.md gives the same rule). Per listener and song:
/// <list type="bullet">
/// <item>energy, mood and complexity targets are the listener's latest explicit rating of each (1..5);</item>
/// <item>the appeal target is the sum of the implicit events' weights, clipped to -1..+1;</item>
/// <item>a skip is early before <see cref="EarlySkipFraction"/> of the song's length (at least <see cref="EarlySkipSeconds"/>), late after <see cref="LateSkipFraction"/>;</item>
/// <item>a song enters training once its evidence, over all listeners, reaches <see cref="MinEvidencePerSong"/>: an explicit rating counts <see cref="ExplicitEvidence"/>, an implicit event 1.</item>
/// </list>
/// Explicit ratings weigh more: they alone give the rating targets, and a listener-song sample with one weighs
/// <see cref="ExplicitSampleWeight"/> in the appeal model against 1 for implicit events only.
/// </summary>
public static class TrainingRules
{
    public const double ExplicitEvidence = 2;
    public const double MinEvidencePerSong = 3;
    public const double ExplicitSampleWeight = 2;
    public const double EarlySkipFraction = 0.2;
    public const double EarlySkipSeconds = 10;
    public const double LateSkipFraction = 0.6;

    public static double WeightOf(FeedbackAction action, double? positionSeconds, double songSeconds) => action switch
    {
        FeedbackAction.Like => 1.0,
        FeedbackAction.Replay => 0.6,
        FeedbackAction.PlayComplete => 0.35,
        FeedbackAction.Play => 0.0,
        FeedbackAction.Dislike => -1.0,
        FeedbackAction.Skip => positionSeconds switch
        {
            null => -0.3,
            double p when p < Math.Max(EarlySkipSeconds, EarlySkipFraction * songSeconds) => -0.5,
            double p when p > LateSkipFraction * songSeconds => -0.2,
            _ => -0.3,
        },
        _ => 0.0,
    };
}
