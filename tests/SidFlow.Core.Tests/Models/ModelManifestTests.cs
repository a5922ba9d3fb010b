using SidFlow.Core.Models;
using Xunit;

namespace SidFlow.Core.Tests.Models;

public sealed class ModelManifestTests
{
    private static readonly ModelManifest Manifest = new ModelManifest
    {
        ActiveVersion = "1.2.0",
        PublishedAt = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero),
        Artifacts = new Dictionary<string, ModelArtifact> { ["energy.zip"] = new("sha256:ab", 10) },
        Metadata = new ManifestMetadata(DateTimeOffset.UnixEpoch, 100, new ManifestMetrics(0.3, 0.85), "1.2.0"),
        Rollback = new ManifestRollback("1.1.0", ["1.0.0", "1.1.0"]),
        Change = new ManifestChange("publish", "admin", null),
    }.Sealed();

    [Fact]
    public void Sealed_ThenRoundTripped_IsIntact()
    {
        ModelManifest read = System.Text.Json.JsonSerializer.Deserialize<ModelManifest>(System.Text.Json.JsonSerializer.Serialize(Manifest))!;

        Assert.StartsWith("sha256:", Manifest.ManifestChecksum, StringComparison.Ordinal);
        Assert.True(read.IsIntact);
    }

    [Fact]
    public void IsIntact_AnyFieldChangedAfterSealing_IsFalse()
    {
        Assert.False((Manifest with { ActiveVersion = "1.1.0" }).IsIntact);
        Assert.False((Manifest with { Artifacts = new Dictionary<string, ModelArtifact> { ["energy.zip"] = new("sha256:cd", 10) } }).IsIntact);
        Assert.False((Manifest with { Rollback = new ManifestRollback("1.0.0", ["1.0.0"]) }).IsIntact);
    }
}
