using Microsoft.Extensions.Configuration;
using System.Net;
using System.Text.Json;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Api.Tests.Health;

public sealed class HealthEndpointsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task GetHealth_StorageReachable_AnswersGuideShapeWith200()
    {
        await using RunningApp app = await RunningApp.StartAsync(azurite);

        HttpResponseMessage response = await app.Client.GetAsync("/api/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        JsonElement root = doc.RootElement;
        Assert.Contains(root.GetProperty("overall").GetString(), new[] { "healthy", "degraded" });
        Assert.InRange(root.GetProperty("timestamp").GetInt64(), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds());
        JsonElement checks = root.GetProperty("checks");
        Assert.Equal("healthy", checks.GetProperty("storage").GetProperty("status").GetString());
        Assert.Equal("healthy", checks.GetProperty("sidplayfp").GetProperty("status").GetString());
        Assert.Equal("healthy", checks.GetProperty("ffmpeg").GetProperty("status").GetString());
    }

    [Fact]
    public async Task GetHealth_ToolMissing_ReportsDegradedWith200()
    {
        await using RunningApp app = await RunningApp.StartAsync(azurite, new Dictionary<string, string?> { ["render:sidplayPath"] = "/nonexistent/sidplayfp" });

        HttpResponseMessage response = await app.Client.GetAsync("/api/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("degraded", doc.RootElement.GetProperty("overall").GetString());
        Assert.Equal("degraded", doc.RootElement.GetProperty("checks").GetProperty("sidplayfp").GetProperty("status").GetString());
    }

    [Fact]
    public async Task GetHealth_Scopes_ReadinessChecksStorageOnlyAndLivenessNothing()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, new Dictionary<string, string?> { ["render:sidplayPath"] = "/nonexistent/sidplayfp" });

        using JsonDocument readiness = JsonDocument.Parse(await app.Client.GetStringAsync("/api/health?scope=readiness", ct));
        using JsonDocument liveness = JsonDocument.Parse(await app.Client.GetStringAsync("/api/health?scope=liveness", ct));
        HttpResponseMessage unknown = await app.Client.GetAsync("/api/health?scope=everything", ct);

        Assert.Equal("healthy", readiness.RootElement.GetProperty("overall").GetString());
        Assert.Equal(["storage"], readiness.RootElement.GetProperty("checks").EnumerateObject().Select(p => p.Name));
        Assert.Equal("healthy", liveness.RootElement.GetProperty("overall").GetString());
        Assert.Empty(liveness.RootElement.GetProperty("checks").EnumerateObject());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task GetHealth_StorageUnreachable_Answers503Unhealthy()
    {
        var options = new SidFlow.Storage.StorageOptions
        {
            // A loopback port nothing listens on: connections are refused at once.
            ConnectionString = SidFlow.Local.Storage.AzuriteProcess.ConnectionStringFor(1, 1, 1),
            MaxRetries = 0,
            NetworkTimeout = TimeSpan.FromSeconds(2),
        };
        Microsoft.AspNetCore.Builder.WebApplication web = SidFlow.Local.Hosting.LocalWebApp.Build(new SidFlow.Local.Hosting.WebAppSettings(
            new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection().Build(), options, new SidFlow.Api.Security.AdminToken("x"), "http://127.0.0.1:0")
        {
            ConsoleLogLevel = Microsoft.Extensions.Logging.LogLevel.None,
        });
        await web.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(web.Urls.First()) };
            HttpResponseMessage response = await client.GetAsync("/api/health", TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            using JsonDocument doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.Equal("unhealthy", doc.RootElement.GetProperty("overall").GetString());
            Assert.Equal("unhealthy", doc.RootElement.GetProperty("checks").GetProperty("storage").GetProperty("status").GetString());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/api/health?scope=readiness", TestContext.Current.CancellationToken)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/health?scope=liveness", TestContext.Current.CancellationToken)).StatusCode);
        }
        finally
        {
            await web.StopAsync(TestContext.Current.CancellationToken);
            await web.DisposeAsync();
        }
    }
}
