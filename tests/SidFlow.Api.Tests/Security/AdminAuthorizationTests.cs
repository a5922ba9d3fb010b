using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Api.Tests.Security;

public sealed class AdminAuthorizationTests(AzuriteFixture azurite)
{
    /// <summary>Listener-facing and monitoring routes (the player reads the catalog, SID files and rendered assets); everything else under /api is admin-only.</summary>
    private static readonly string[] PublicRoutes = ["/api/health", "/api/catalog", "/api/catalog/search", "/api/sid", "/api/assets/{*asset}", "/api/classification", "/api/similar", "/api/station", "/api/feedback", "/api/feedback/batch", "/api/model/latest", "/api/telemetry", "/openapi/{documentName}.json"];

    [Fact]
    public async Task EveryAdminEndpoint_WithoutOrWithWrongToken_Answers401()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        // Every wrong token here counts as a failed authentication; the lockout after them has its own test.
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions
        {
            RunJobEngine = false,
            Configuration = new Dictionary<string, string?> { ["security:failedAdminAuthPerMinute"] = "100000" },
        });
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal) && !PublicRoutes.Contains(e.RoutePattern.RawText))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Route: e.RoutePattern.RawText!)))
            .ToList();
        Assert.True(endpoints.Count >= 12, $"found only {endpoints.Count} admin endpoints");

        using var wrong = new HttpClient { BaseAddress = app.BaseAddress };
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", RunningApp.Token + "x");
        using var basic = new HttpClient { BaseAddress = app.BaseAddress };
        basic.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", RunningApp.Token);
        foreach ((string method, string route) in endpoints)
        {
            string url = route.Replace("{id}", "noop-20260101-000000", StringComparison.Ordinal);
            foreach (HttpClient client in new[] { app.Client, wrong, basic })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
                HttpResponseMessage response = await client.SendAsync(request, ct);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {url}: {response.StatusCode}");
                Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
            }
        }
    }
}
