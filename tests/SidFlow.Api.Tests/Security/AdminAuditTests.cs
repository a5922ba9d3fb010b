using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SidFlow.Core.Jobs;
using SidFlow.Core.Operations;
using SidFlow.Storage;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Api.Tests.Security;

public sealed class AdminAuditTests(AzuriteFixture azurite)
{
    private const string OpsToken = "ops-token-9f8e7d6c5b4a";

    [Fact]
    public async Task AdminActions_SuccessesAndFailures_OneLineEachNamingTheTokensName()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { RunJobEngine = false, MoreAdminTokens = [("ops", OpsToken)] });
        using var ops = new HttpClient { BaseAddress = app.BaseAddress };
        ops.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OpsToken);
        JobRecord job = await app.Jobs.SubmitAsync("noop", null, JobPriority.Low, "test", ct);

        Assert.Equal(HttpStatusCode.OK, (await ops.PatchAsJsonAsync($"/api/admin/jobs/{job.Id}", new { priority = 10 }, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ops.PatchAsJsonAsync($"/api/admin/jobs/{job.Id}", new { priority = 7 }, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Admin.PostAsync("/api/admin/jobs/noop-20200101-000000/pause", null, ct)).StatusCode);
        HttpResponseMessage submitted = await ops.PostAsJsonAsync("/api/fetch", new { force = false }, ct);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        string fetchId = (await submitted.Content.ReadFromJsonAsync<JsonObject>(ct))!["job"]!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await ops.GetAsync("/api/admin/jobs", ct)).StatusCode);

        AuditEntry[] lines = (await app.Admin.GetFromJsonAsync<AuditEntry[]>("/api/admin/audit?action=job.", ct))!;

        Assert.Equal(["job.priority", "job.priority", "job.pause", "job.submit"], lines.Select(l => l.Action));
        Assert.Equal(["ops", "ops", "admin", "ops"], lines.Select(l => l.Actor));
        Assert.Equal([true, false, false, true], lines.Select(l => l.Success));
        Assert.Equal([200, 400, 404, 202], lines.Select(l => l.Details["status"]!.GetValue<int>()));
        Assert.Equal(job.Id, lines[0].Details["id"]!.GetValue<string>());
        Assert.Contains("priority", lines[1].Details["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(fetchId, lines[3].Details["jobId"]!.GetValue<string>());
        Assert.Equal("fetch", lines[3].Details["type"]!.GetValue<string>());
        Assert.All(lines, l => Assert.True(DateTimeOffset.UtcNow - l.Timestamp < TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task AuditTrail_AfterActionsWithTwoTokens_HoldsNeitherToken()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { RunJobEngine = false, MoreAdminTokens = [("ops", OpsToken)] });
        using var ops = new HttpClient { BaseAddress = app.BaseAddress };
        ops.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OpsToken);
        await ops.PostAsJsonAsync("/api/classify", new { sample = 1 }, ct);
        await app.Admin.PostAsync("/api/admin/jobs/noop-20200101-000000/resume", null, ct);
        await ops.PostAsJsonAsync("/api/admin/model/approve", new { modelVersion = "9.9.9" }, ct);

        var blob = app.Storage.Container(app.Storage.Names.AuditContainer).GetBlobClient("admin-actions.jsonl");
        string text = (await blob.DownloadContentAsync(ct)).Value.Content.ToString();

        Assert.Equal(3, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain(OpsToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain(RunningApp.Token, text, StringComparison.Ordinal);
        Assert.All(text.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.NotNull(JsonDocument.Parse(line).RootElement.GetProperty("actor").GetString()));
    }

    [Fact]
    public async Task GetSecurity_NamedTokens_ReportsNamesAndSettingsNeverTokens()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions
        {
            RunJobEngine = false,
            MoreAdminTokens = [("ops", OpsToken)],
            Configuration = new Dictionary<string, string?> { ["security:publicRequestsPerMinute"] = "600" },
        });

        string text = await app.Admin.GetStringAsync("/api/admin/security", ct);
        JsonObject report = JsonNode.Parse(text)!.AsObject();

        Assert.Equal(["admin", "ops"], report["adminTokens"]!["names"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(600, report["rateLimits"]!["publicRequestsPerMinute"]!.GetValue<int>());
        Assert.Equal("DENY", report["headers"]!["xFrameOptions"]!.GetValue<string>());
        Assert.False(report["backup"]!["keyConfigured"]!.GetValue<bool>());
        Assert.DoesNotContain(OpsToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain(RunningApp.Token, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=1001")]
    [InlineData("?limit=ten")]
    [InlineData("?since=yesterday")]
    public async Task GetAudit_BadQuery_Answers400(string query)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { RunJobEngine = false });

        HttpResponseMessage response = await app.Admin.GetAsync("/api/admin/audit" + query, ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
