using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Api.Tests;

public sealed class SidFlowOpenApiTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Document_ServedByTheApp_DescribesEveryRouteAndTheAdminToken()
    {
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { RunJobEngine = false });

        JsonObject document = (await app.Client.GetFromJsonAsync<JsonObject>("/openapi/v1.json", TestContext.Current.CancellationToken))!;

        Assert.Equal("SidFlow", document["info"]!["title"]!.GetValue<string>());
        JsonObject paths = document["paths"]!.AsObject();
        foreach (string path in new[] { "/api/health", "/api/catalog", "/api/fetch", "/api/classify", "/api/train", "/api/admin/render", "/api/admin/jobs", "/api/admin/jobs/{id}", "/api/admin/jobs/{id}/logs", "/api/admin/metrics", "/api/station" })
        {
            Assert.True(paths.ContainsKey(path), $"{path} is not in the OpenAPI document");
        }

        Assert.Equal("bearer", document["components"]!["securitySchemes"]!["adminToken"]!["scheme"]!.GetValue<string>());
        Assert.NotNull(paths["/api/admin/jobs/{id}"]!["get"]!["security"]);
        Assert.Null(paths["/api/health"]!["get"]!["security"]);
        Assert.Contains("Start a fetch job", paths["/api/fetch"]!["post"]!["summary"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
