using SidFlow.Core.Models;
using Xunit;

namespace SidFlow.Core.Tests.Models;

public sealed class ModelVersionTests
{
    [Theory]
    [InlineData(new string[0], new string[0], "1.2.0", "1.0.0")]
    [InlineData(new[] { "1.0.0", "1.1.0" }, new[] { "1.2.0", "1.2.0" }, "1.2.0", "1.2.0")]
    [InlineData(new[] { "1.9.0", "1.10.0" }, new[] { "1.2.0", "1.2.0" }, "1.2.0", "1.11.0")]
    [InlineData(new[] { "1.3.0" }, new[] { "1.1.0" }, "1.2.0", "2.0.0")]
    public void Next_ExistingVersions_IsMinorOnTheSameFeatureSetAndMajorOnANewOne(string[] versions, string[] featureSets, string running, string expected)
    {
        ModelMetadata[] existing = versions.Zip(featureSets, (v, f) => Metadata(v, f)).ToArray();

        Assert.Equal(expected, ModelVersion.Next(existing, running).ToString());
    }

    [Theory]
    [InlineData("1.2")]
    [InlineData("1.2.x")]
    [InlineData("-1.2.3")]
    [InlineData("../1.0.0")]
    [InlineData("")]
    public void TryParse_NotMajorMinorPatch_IsRefused(string text) => Assert.False(ModelVersion.TryParse(text, out _));

    internal static ModelMetadata Metadata(string version, string featureSet) => new()
    {
        ModelVersion = version,
        TrainedAt = DateTimeOffset.UnixEpoch,
        TrainingDuration = 0,
        Samples = new ModelSamples(0, 0, 0, 0),
        Hyperparameters = ModelHyperparameters.Default,
        Metrics = new ModelMetrics(0, 0, 0, 0, 0),
        FeatureSetVersion = featureSet,
        Status = ModelStatus.Candidate,
        Features = SidFlow.Core.Classification.FeatureSet.Names,
        Heads = new Dictionary<string, HeadMetrics>(),
        Artifacts = new Dictionary<string, ModelArtifact>(),
        Lineage = new ModelLineage(null, null, 0, "sha256:", "test", "job", 0),
    };
}
