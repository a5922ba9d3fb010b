using System.Text.Json.Nodes;
using SidFlow.Core.Jobs;
using SidFlow.Core.Models;
using Xunit;

namespace SidFlow.Core.Tests.Models;

public sealed class ModelHyperparametersTests
{
    [Fact]
    public void Parse_TheGuidesBody_MapsOntoTheTrees()
    {
        ModelHyperparameters p = ModelHyperparameters.Parse(JsonNode.Parse("""{"epochs": 50, "batchSize": 32, "learningRate": 0.001, "validationSplit": 0.2, "evaluate": true}""")!.AsObject());

        Assert.Equal((200, 0.1, 8, 0.2), (p.Trees, p.Shrinkage, p.MinimumLeafSamples, p.ValidationSplit));
    }

    [Theory]
    [InlineData("""{"epochs": 0}""", "epochs")]
    [InlineData("""{"batchSize": 1.5}""", "batchSize")]
    [InlineData("""{"learningRate": 2}""", "learningRate")]
    [InlineData("""{"validationSplit": 0.9}""", "validationSplit")]
    [InlineData("""{"evaluate": "yes"}""", "evaluate")]
    public void Parse_OutOfRange_RefusedNamingTheParameter(string body, string name)
    {
        var error = Assert.Throws<JobConfigException>(() => ModelHyperparameters.Parse(JsonNode.Parse(body)!.AsObject()));

        Assert.StartsWith(name + " must be", error.Message, StringComparison.Ordinal);
    }
}
