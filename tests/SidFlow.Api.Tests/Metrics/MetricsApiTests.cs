using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using SidFlow.Core.Jobs;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Api.Tests.Metrics;

public sealed class MetricsApiTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task GetPrometheusMetrics_AfterTraffic_ValidForPromtoolWithTheGuidesSeries()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { RunJobEngine = false });
        await app.Jobs.SubmitAsync("noop", new JsonObject { ["items"] = 1 }, JobPriority.Low, "test", ct);
        for (int i = 0; i < 3; i++)
        {
            await app.Client.GetAsync("/api/health", ct);
        }

        await app.Client.GetAsync("/api/catalog?path=../x", ct);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client.GetAsync("/api/metrics", ct)).StatusCode);

        HttpResponseMessage response = await app.Admin.GetAsync("/api/metrics", ct);
        string text = await response.Content.ReadAsStringAsync(ct);
        (int exit, string said) = await PromtoolCheckAsync(text, ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.True(exit == 0, $"promtool check metrics: {said}\n{text}");
        Assert.Matches(@"\nsidflow_jobs_pending [01]\n", text);
        // The one job is pending or already admitted, whichever the admission did first.
        Assert.Equal(1, text.Split('\n').Where(l => l.StartsWith("sidflow_jobs{status=", StringComparison.Ordinal)).Sum(l => int.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains("\nsidflow_cache_size_bytes 0\n", text, StringComparison.Ordinal);
        Assert.Contains("sidflow_http_requests_total{method=\"GET\",handler=\"GetHealth\",status=\"200\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("sidflow_http_requests_total{method=\"GET\",handler=\"GetCatalogEntry\",status=\"400\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("sidflow_http_request_duration_seconds_count{handler=\"GetHealth\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("\nsidflow_sync_age_seconds -1\n", text, StringComparison.Ordinal);
        Assert.Contains("\nsidflow_model_load_error 0\n", text, StringComparison.Ordinal);
        Assert.Contains("sidflow_alerts_firing{component=\"jobs\"} 0\n", text, StringComparison.Ordinal);
    }

    /// <summary>Debian's promtool reads the exposition on standard input.</summary>
    private static async Task<(int Exit, string Output)> PromtoolCheckAsync(string exposition, CancellationToken ct)
    {
        var start = new ProcessStartInfo("promtool");
        start.ArgumentList.Add("check");
        start.ArgumentList.Add("metrics");
        (int exit, string stdout, string stderr) = await ToolRun.RunAsync(start, exposition, TimeSpan.FromSeconds(60), ct);
        return (exit, stdout + stderr);
    }
}
