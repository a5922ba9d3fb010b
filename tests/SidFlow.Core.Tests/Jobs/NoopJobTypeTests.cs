using System.Text.Json.Nodes;
using SidFlow.Core.Jobs;
using Xunit;

namespace SidFlow.Core.Tests.Jobs;

public sealed class NoopJobTypeTests
{
    [Fact]
    public void NormalizeConfig_EmptyOrBad_FillsDefaultsOrRefuses()
    {
        var type = new NoopJobType();

        JsonObject normalized = type.NormalizeConfig([]);

        Assert.Equal((10, 0, false), (normalized["items"]!.GetValue<int>(), normalized["delayMs"]!.GetValue<int>(), normalized["logItems"]!.GetValue<bool>()));
        Assert.Throws<JobConfigException>(() => type.NormalizeConfig(new JsonObject { ["items"] = -1 }));
        Assert.Throws<JobConfigException>(() => type.NormalizeConfig(new JsonObject { ["items"] = "many" }));
        Assert.Throws<JobConfigException>(() => type.NormalizeConfig(new JsonObject { ["failKeys"] = "x" }));
        Assert.Throws<JobConfigException>(() => type.NormalizeConfig(new JsonObject { ["logItems"] = "yes" }));
    }
}
