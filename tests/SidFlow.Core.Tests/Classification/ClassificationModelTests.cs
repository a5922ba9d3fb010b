using SidFlow.Core.Classification;
using Xunit;

namespace SidFlow.Core.Tests.Classification;

public sealed class ClassificationModelTests
{
    [Theory]
    [InlineData(180, 15, 15)]
    [InlineData(30, 15, 15)]
    [InlineData(20, 10, 10)]
    [InlineData(6, 3, 3)]
    public void WindowFor_SongLength_SkipsTheIntroAndAnalysesTheRest(double length, double skip, double window)
    {
        (TimeSpan offset, TimeSpan duration) = new ClassifyOptions().WindowFor(TimeSpan.FromSeconds(length));

        Assert.Equal(skip, offset.TotalSeconds, 6);
        Assert.Equal(window, duration.TotalSeconds, 6);
    }

    [Fact]
    public void WindowFor_ClassificationDepth_ShortensTheWindow() =>
        Assert.Equal(7.5, new ClassifyOptions { ClassificationDepth = 50 }.WindowFor(TimeSpan.FromMinutes(3)).Duration.TotalSeconds, 6);

    [Theory]
    [InlineData("1987 Time Warp", 1987)]
    [InlineData("2014 Samar Productions", 2014)]
    [InlineData("198? Ocean", null)]
    [InlineData("", null)]
    public void YearOf_Released_FindsAPlausibleYear(string released, int? year) => Assert.Equal(year, SidFeatures.YearOf(released));

    [Fact]
    public void FeatureStats_RankAndZ_FollowTheCorpus()
    {
        var rows = Enumerable.Range(0, 101).Select(i => (IReadOnlyDictionary<string, double>)new Dictionary<string, double> { ["x"] = i, ["flat"] = 7 }).ToArray();

        FeatureStats stats = FeatureStats.Compute(rows, DateTimeOffset.UnixEpoch);

        Assert.Equal(0.5, stats.Rank("x", 50), 6);
        Assert.Equal(0.255, stats.Rank("x", 25.5), 6);
        Assert.Equal((0.0, 1.0), (stats.Rank("x", -5), stats.Rank("x", 500)));
        Assert.Equal(0.5, stats.Rank("flat", 7));
        Assert.Equal(0.5, stats.Rank("unknown", 1));
        Assert.Equal(0, stats.Z("x", new Dictionary<string, double> { ["x"] = 50 }), 6);
        Assert.Equal(3, stats.Z("x", new Dictionary<string, double> { ["x"] = 1000 }));
        Assert.Equal(0, stats.Z("flat", new Dictionary<string, double> { ["flat"] = 99 }));
    }

    [Fact]
    public void RatingHeuristic_ExtremesAndAverage_StayWithinOneToFive()
    {
        var rows = Enumerable.Range(0, 50).Select(i => (IReadOnlyDictionary<string, double>)FeatureSet.SimilarityWeights.Keys.Append("tempoConfidence").Append("entropyStd")
            .ToDictionary(k => k, k => (double)i)).ToArray();
        FeatureStats stats = FeatureStats.Compute(rows, DateTimeOffset.UnixEpoch);

        Ratings loud = RatingHeuristic.Rate(rows[^1], stats), quiet = RatingHeuristic.Rate(rows[0], stats), middle = RatingHeuristic.Rate(stats.Features.ToDictionary(f => f.Key, f => f.Value.Mean), stats);

        Assert.True(loud.InRange && quiet.InRange);
        Assert.Equal(new Ratings(3, 3, 3), middle);
        Assert.True(RatingHeuristic.Scale(10) <= 5 && RatingHeuristic.Scale(-10) >= 1);
    }

    [Fact]
    public void Station_ComposerRunsAndRepeats_AreAvoided()
    {
        // Songs of one composer are the most alike; the station must still break the run after three.
        var records = new List<ClassificationRecord>();
        for (int i = 0; i < 12; i++)
        {
            string author = i < 8 ? "Rob Hubbard" : $"Other {i}";
            records.Add(Record($"MUSICIANS/X/{i:D2}.sid", author, i < 8 ? 1.0 + i * 0.01 : 3.0 + i * 0.1));
        }

        FeatureStats stats = FeatureStats.Compute(records.Select(r => r.Features).ToArray(), DateTimeOffset.UnixEpoch);
        SimilarityIndex index = SimilarityIndex.Build(records, stats);

        IReadOnlyList<SongVector> station = StationBuilder.Build(index, index.Find("MUSICIANS/X/00.sid", 1)!, 10, StationMood.Any);

        Assert.Equal(10, station.Count);
        Assert.Equal(station.Count, station.Select(s => s.Key).Distinct().Count());
        for (int i = 3; i < station.Count; i++)
        {
            Assert.False(station.Skip(i - 3).Take(4).All(s => s.Author == "Rob Hubbard"), $"four in a row at {i}");
        }
    }

    private static ClassificationRecord Record(string path, string author, double x) => new()
    {
        Path = path,
        Subtune = 1,
        Md5 = path,
        FeatureSetVersion = FeatureSet.Version,
        Features = new Dictionary<string, double> { ["rmsMeanDb"] = x, ["centroidMean"] = x * x, ["onsetDensity"] = 10 - x },
        Renderer = "test",
        AnalysisOffset = 0,
        AnalysisDuration = 1,
        LengthSource = "default",
        Author = author,
        ClassifiedAt = DateTimeOffset.UnixEpoch,
        Ratings = new Ratings(3, 3, 3),
    };
}
