using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Api.Tests.Telemetry;

public sealed class TelemetryApiTests(AzuriteFixture azurite)
{
    private const string Listener = "player-3c9e-raw-listener";

    [Fact]
    public async Task PostTelemetry_SessionsAndFailures_StoredWithTheListenerHashedAndNoAddress()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { RunJobEngine = false });

        HttpResponseMessage one = await app.Client.PostAsJsonAsync("/api/telemetry", Report("session"), ct);
        HttpResponseMessage batch = await app.Client.PostAsJsonAsync("/api/telemetry", new JsonObject { ["events"] = new JsonArray(Report("session"), Report("failure")) }, ct);

        Assert.Equal(HttpStatusCode.Accepted, one.StatusCode);
        Assert.Equal(2, (await batch.Content.ReadFromJsonAsync<JsonObject>(ct))!["received"]!.GetValue<int>());
        string[] lines = await StoredAsync(app, ct);
        Assert.Equal(3, lines.Length);
        Assert.All(lines, l => Assert.DoesNotContain(Listener, l, StringComparison.Ordinal));
        Assert.All(lines, l => Assert.DoesNotContain("127.0.0.1", l, StringComparison.Ordinal));
        JsonObject failure = JsonNode.Parse(lines[2])!.AsObject();
        Assert.Matches("^[0-9a-f]{32}$", failure["listener"]!.GetValue<string>());
        Assert.Equal("AudioWorklet not supported", failure["error"]!.GetValue<string>());
        Assert.Equal("wasm", failure["engine"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("kind", "\"crash\"")]
    [InlineData("listener", "\"\"")]
    [InlineData("sidPath", "\"../etc/passwd\"")]
    [InlineData("subtune", "0")]
    [InlineData("engine", "\"flash\"")]
    [InlineData("seconds", "-1")]
    [InlineData("at", "\"yesterday\"")]
    [InlineData("ip", "\"10.0.0.1\"")]
    public async Task PostTelemetry_BadFieldInABatch_400NamingItAndNothingStored(string field, string value)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { RunJobEngine = false });
        JsonObject bad = Report("session");
        bad[field] = JsonNode.Parse(value);

        HttpResponseMessage response = await app.Client.PostAsJsonAsync("/api/telemetry", new JsonObject { ["events"] = new JsonArray(Report("session"), bad) }, ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal($"events[1].{field}", (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["field"]!.GetValue<string>());
        Assert.Empty(await StoredAsync(app, ct));
    }

    [Fact]
    public async Task PostTelemetry_FailureWithoutError_400()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { RunJobEngine = false });
        JsonObject failure = Report("failure");
        failure.Remove("error");

        HttpResponseMessage response = await app.Client.PostAsJsonAsync("/api/telemetry", failure, ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("error", (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["field"]!.GetValue<string>());
    }

    internal static JsonObject Report(string kind)
    {
        var report = new JsonObject
        {
            ["kind"] = kind,
            ["listener"] = Listener,
            ["sidPath"] = "MUSICIANS/H/Hubbard_Rob/Delta.sid",
            ["subtune"] = 1,
            ["engine"] = "wasm",
            ["seconds"] = 12.5,
            ["at"] = DateTimeOffset.UtcNow.ToString("O"),
        };
        if (kind == "failure")
        {
            report["error"] = "AudioWorklet not supported";
        }

        return report;
    }

    private static async Task<string[]> StoredAsync(RunningApp app, CancellationToken ct)
    {
        BlobContainerClient container = app.Storage.Container(app.Storage.Names.TelemetryContainer);
        var lines = new List<string>();
        await foreach (BlobItem blob in container.GetBlobsAsync(cancellationToken: ct))
        {
            lines.AddRange((await container.GetBlobClient(blob.Name).DownloadContentAsync(ct)).Value.Content.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        return [.. lines];
    }
}
