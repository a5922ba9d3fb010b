using SidFlow.Core.Classification;
using SidFlow.Core.Feedback;
using SidFlow.Core.Models;
using Xunit;

namespace SidFlow.Core.Tests.Models;

public sealed class TrainingSetTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Build_ManyListeners_HoldsOutTheSplitShareOfListenersWithAllTheirSamples()
    {
        Dictionary<string, ClassificationRecord> songs = Songs(10);
        FeedbackEvent[] events = [.. Enumerable.Range(0, 50).SelectMany(l => songs.Values.Select(s => Rate($"listener-{l}", s, 3)))];

        TrainingSet set = TrainingSet.Build(events, songs, _ => 120, validationSplit: 0.2, seed: 1);

        string[] heldOut = set.Validation.Select(s => s.Listener).Distinct().ToArray();
        Assert.Equal(10, heldOut.Length);
        Assert.Empty(heldOut.Intersect(set.Training.Select(s => s.Listener)));
        Assert.Equal(500, set.Training.Count + set.Validation.Count);
        Assert.Equal(heldOut.Order(), TrainingSet.Build(events.Reverse(), songs, _ => 120, 0.2, seed: 1).Validation.Select(s => s.Listener).Distinct().Order());
        Assert.NotEqual(heldOut.Order(), TrainingSet.Build(events, songs, _ => 120, 0.2, seed: 2).Validation.Select(s => s.Listener).Distinct().Order());
    }

    [Fact]
    public void Build_SongWithLittleEvidence_IsLeftOutAndUnclassifiedSongsAreIgnored()
    {
        Dictionary<string, ClassificationRecord> songs = Songs(2);
        ClassificationRecord rated = songs.Values.First(), thin = songs.Values.Last();
        FeedbackEvent[] events =
        [
            Rate("a", rated, 4), Rate("b", rated, 5),
            Implicit("a", thin, FeedbackAction.Like), Implicit("b", thin, FeedbackAction.Play),
            Implicit("a", rated with { Path = "MUSICIANS/N/Not_Classified.sid" }, FeedbackAction.Like),
        ];

        TrainingSet set = TrainingSet.Build(events, songs, _ => 120, 0.5, seed: 1);

        Assert.Equal([rated.Key], set.Training.Concat(set.Validation).Select(s => s.SongKey).Distinct());
        Assert.Equal((4, 2, 2), (set.Events, set.ExplicitEvents, set.ImplicitEvents));
    }

    [Fact]
    public void Build_ListenersLatestRatingAndImplicitWeights_MakeOneSampleWithClippedAppeal()
    {
        Dictionary<string, ClassificationRecord> songs = Songs(1);
        ClassificationRecord song = songs.Values.Single();
        FeedbackEvent[] events =
        [
            Rate("a", song, 2, at: 1), Rate("a", song, 5, at: 2) with { Ratings = new GivenRatings(5, null, null) },
            Implicit("a", song, FeedbackAction.Like, at: 3), Implicit("a", song, FeedbackAction.Replay, at: 4),
        ];

        TrainingSample sample = Assert.Single(TrainingSet.Build(events, songs, _ => 120, 0.05, seed: 1).Training);

        Assert.Equal((5.0, 2.0, 2.0, 1.0, true), (sample.Energy!.Value, sample.Mood!.Value, sample.Complexity!.Value, sample.Appeal!.Value, sample.Explicit));
        Assert.Equal(FeatureSet.Names.Count, sample.Features.Length);
    }

    private static Dictionary<string, ClassificationRecord> Songs(int count) =>
        Enumerable.Range(0, count).Select(i => new ClassificationRecord
        {
            Path = $"MUSICIANS/T/Test/Song_{i}.sid", Subtune = 1, Md5 = i.ToString(System.Globalization.CultureInfo.InvariantCulture), FeatureSetVersion = FeatureSet.Version,
            Features = new Dictionary<string, double> { ["rmsMean"] = i }, Renderer = "test", AnalysisOffset = 0, AnalysisDuration = 0, LengthSource = "default", ClassifiedAt = Start,
        }).ToDictionary(r => r.Key);

    private static FeedbackEvent Rate(string listener, ClassificationRecord song, int stars, int at = 0) =>
        Implicit(listener, song, FeedbackAction.Rate, at) with { Ratings = new GivenRatings(stars, stars, stars) };

    private static FeedbackEvent Implicit(string listener, ClassificationRecord song, FeedbackAction action, int at = 0) => new()
    {
        EventId = Guid.NewGuid(), Listener = listener, SidPath = song.Path, Subtune = 1, Action = action, At = Start.AddMinutes(at), ReceivedAt = Start.AddMinutes(at),
    };
}
