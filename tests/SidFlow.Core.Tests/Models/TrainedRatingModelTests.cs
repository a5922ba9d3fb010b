using SidFlow.Core.Classification;
using SidFlow.Core.Models;
using Xunit;

namespace SidFlow.Core.Tests.Models;

public sealed class TrainedRatingModelTests
{
    [Fact]
    public void CheckSchema_TheRunningFeatureSet_Passes() =>
        TrainedRatingModel.CheckSchema(ModelVersionTests.Metadata("1.0.0", FeatureSet.Version));

    [Fact]
    public void Load_FeaturesInAnotherOrder_RefusedNamingTheFirstDifference()
    {
        ModelMetadata swapped = ModelVersionTests.Metadata("1.0.0", FeatureSet.Version) with { Features = [FeatureSet.Names[1], FeatureSet.Names[0], .. FeatureSet.Names.Skip(2)] };

        var error = Assert.Throws<ModelSchemaException>(() => TrainedRatingModel.Load(swapped, new Dictionary<string, byte[]>()));

        Assert.Contains($"feature 0 is '{FeatureSet.Names[1]}' in the model, '{FeatureSet.Names[0]}' here", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OneFeatureFewer_RefusedWithTheCounts()
    {
        ModelMetadata fewer = ModelVersionTests.Metadata("1.0.0", FeatureSet.Version) with { Features = [.. FeatureSet.Names.SkipLast(1)] };

        var error = Assert.Throws<ModelSchemaException>(() => TrainedRatingModel.Load(fewer, new Dictionary<string, byte[]>()));

        Assert.Contains($"the model reads {FeatureSet.Names.Count - 1} features, this feature set has {FeatureSet.Names.Count}", error.Message, StringComparison.Ordinal);
    }
}
