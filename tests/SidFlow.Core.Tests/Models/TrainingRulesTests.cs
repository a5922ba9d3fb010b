using SidFlow.Core.Feedback;
using SidFlow.Core.Models;
using Xunit;

namespace SidFlow.Core.Tests.Models;

public sealed class TrainingRulesTests
{
    [Theory]
    [InlineData(FeedbackAction.Like, null, 1.0)]
    [InlineData(FeedbackAction.Replay, null, 0.6)]
    [InlineData(FeedbackAction.PlayComplete, null, 0.35)]
    [InlineData(FeedbackAction.Play, null, 0.0)]
    [InlineData(FeedbackAction.Dislike, null, -1.0)]
    [InlineData(FeedbackAction.Skip, null, -0.3)]
    [InlineData(FeedbackAction.Skip, 5.0, -0.5)]
    [InlineData(FeedbackAction.Skip, 29.0, -0.5)]
    [InlineData(FeedbackAction.Skip, 60.0, -0.3)]
    [InlineData(FeedbackAction.Skip, 100.0, -0.2)]
    public void WeightOf_ActionOnATwoAndAHalfMinuteSong_IsTheDocumentedWeight(FeedbackAction action, double? position, double weight) =>
        Assert.Equal(weight, TrainingRules.WeightOf(action, position, songSeconds: 150));

    [Fact]
    public void WeightOf_SkipOfAShortSong_IsEarlyForItsFirstTenSeconds() =>
        Assert.Equal((-0.5, -0.2), (TrainingRules.WeightOf(FeedbackAction.Skip, 9, 20), TrainingRules.WeightOf(FeedbackAction.Skip, 15, 20)));
}
