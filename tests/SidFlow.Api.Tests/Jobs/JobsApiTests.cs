using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SidFlow.Core.Jobs;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Api.Tests.Jobs;

public sealed class JobsApiTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(120);

    /// <summary>An app that admits nothing (<c>jobs.maxConcurrent</c> 0), so submitted jobs stay pending for the controls.</summary>
    private Task<RunningApp> StartHoldingJobsAsync() =>
        RunningApp.StartAsync(azurite, new AppOptions { RunJobEngine = false, Configuration = new Dictionary<string, string?> { ["jobs:MaxConcurrent"] = "0" } });

    [Fact]
    public async Task GetJob_CompletedJob_HasTheGuideShape()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { Configuration = AppOptions.FastJobs() });
        JobRecord job = await app.Jobs.SubmitAsync("noop", new JsonObject { ["items"] = 12 }, JobPriority.High, "test", ct);
        await app.WaitForEndAsync(job.Id, Long);

        using JsonDocument doc = JsonDocument.Parse(await app.Admin.GetStringAsync($"/api/admin/jobs/{job.Id}", ct));
        JsonElement root = doc.RootElement;

        Assert.Equal(job.Id, root.GetProperty("id").GetString());
        Assert.Equal("noop", root.GetProperty("type").GetString());
        Assert.Equal("completed", root.GetProperty("status").GetString());
        Assert.Equal(5, root.GetProperty("priority").GetInt32());
        Assert.True(root.GetProperty("createdAt").GetInt64() > 1_700_000_000_000);
        Assert.True(root.GetProperty("startedAt").GetInt64() >= root.GetProperty("createdAt").GetInt64());
        Assert.True(root.GetProperty("completedAt").GetInt64() >= root.GetProperty("startedAt").GetInt64());
        Assert.Equal(12, root.GetProperty("config").GetProperty("items").GetInt32());
        JsonElement progress = root.GetProperty("metadata").GetProperty("progress");
        Assert.Equal(12, progress.GetProperty("current").GetInt64());
        Assert.Equal(12, progress.GetProperty("total").GetInt64());
        Assert.Equal(100.0, progress.GetProperty("percentComplete").GetDouble());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("metadata").GetProperty("error").ValueKind);
        Assert.Equal(12, root.GetProperty("progress").GetProperty("current").GetInt64());
    }

    [Fact]
    public async Task ListJobs_Filters_ReturnMatchingJobs()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await StartHoldingJobsAsync();
        JobRecord low = await app.Jobs.SubmitAsync("noop", null, JobPriority.Low, "test", ct);
        JobRecord critical = await app.Jobs.SubmitAsync("noop", null, JobPriority.Critical, "test", ct);
        await app.Jobs.CancelAsync(low.Id, ct);

        JsonArray byPriority = (await app.Admin.GetFromJsonAsync<JsonArray>("/api/admin/jobs?sort=priority", ct))!;
        JsonArray pending = (await app.Admin.GetFromJsonAsync<JsonArray>("/api/admin/jobs?status=pending&type=noop", ct))!;
        HttpResponseMessage badStatus = await app.Admin.GetAsync("/api/admin/jobs?status=sleeping", ct);

        Assert.Equal([critical.Id, low.Id], byPriority.Select(j => j!["id"]!.GetValue<string>()));
        Assert.Equal([critical.Id], pending.Select(j => j!["id"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
    }

    [Fact]
    public async Task Controls_OverHttp_FollowTheGuide()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await StartHoldingJobsAsync();
        JobRecord job = await app.Jobs.SubmitAsync("noop", new JsonObject { ["items"] = 3 }, JobPriority.Normal, "test", ct);
        string url = $"/api/admin/jobs/{job.Id}";

        HttpResponseMessage patched = await app.Admin.PatchAsJsonAsync(url, new { priority = 10 }, ct);
        HttpResponseMessage badPriority = await app.Admin.PatchAsJsonAsync(url, new { priority = 7 }, ct);
        HttpResponseMessage paused = await app.Admin.PostAsync(url + "/pause", null, ct);
        HttpResponseMessage resumed = await app.Admin.PostAsync(url + "/resume", null, ct);
        HttpResponseMessage resumeAgain = await app.Admin.PostAsync(url + "/resume", null, ct);
        HttpResponseMessage retryPending = await app.Admin.PostAsync(url + "/retry", null, ct);
        HttpResponseMessage cancelled = await app.Admin.DeleteAsync(url, ct);
        HttpResponseMessage cancelAgain = await app.Admin.DeleteAsync(url, ct);

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal(10, (await patched.Content.ReadFromJsonAsync<JsonObject>(ct))!["priority"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.BadRequest, badPriority.StatusCode);
        Assert.Equal("paused", (await paused.Content.ReadFromJsonAsync<JsonObject>(ct))!["status"]!.GetValue<string>());
        Assert.Equal("pending", (await resumed.Content.ReadFromJsonAsync<JsonObject>(ct))!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, resumeAgain.StatusCode);
        Assert.Contains("only paused jobs can be resumed", await resumeAgain.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, retryPending.StatusCode);
        Assert.Equal("cancelled", (await cancelled.Content.ReadFromJsonAsync<JsonObject>(ct))!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, cancelAgain.StatusCode);
    }

    [Fact]
    public async Task Resume_CompletedJob_Answers409WithWhy()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { Configuration = AppOptions.FastJobs() });
        JobRecord job = await app.Jobs.SubmitAsync("noop", new JsonObject { ["items"] = 2 }, JobPriority.High, "test", ct);
        await app.WaitForEndAsync(job.Id, Long);

        HttpResponseMessage response = await app.Admin.PostAsync($"/api/admin/jobs/{job.Id}/resume", null, ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        JsonObject problem = (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!;
        Assert.Equal($"job '{job.Id}' is completed: only paused jobs can be resumed", problem["detail"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("GET", "/api/admin/jobs/noop-20990101-000000", HttpStatusCode.NotFound)]
    [InlineData("POST", "/api/admin/jobs/noop-20990101-000000/pause", HttpStatusCode.NotFound)]
    [InlineData("DELETE", "/api/admin/jobs/noop-20990101-000000", HttpStatusCode.NotFound)]
    [InlineData("GET", "/api/admin/jobs/noop-20990101-000000/logs", HttpStatusCode.NotFound)]
    [InlineData("GET", "/api/admin/jobs/..%2F..%2Fetc", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/api/admin/jobs/not-an-id/resume", HttpStatusCode.BadRequest)]
    public async Task Controls_UnknownOrMalformedId_AnswerProblem(string method, string url, HttpStatusCode expected)
    {
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { RunJobEngine = false });

        HttpResponseMessage response = await app.Admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), url), TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task SubmitTrain_GuideBodyOrNone_AcceptedAndBadBodies400()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { RunJobEngine = false });

        HttpResponseMessage none = await app.Admin.PostAsync("/api/train", null, ct);
        HttpResponseMessage guide = await app.Admin.PostAsJsonAsync("/api/train", new { epochs = 50, batchSize = 32, learningRate = 0.001, validationSplit = 0.2, evaluate = true }, ct);
        HttpResponseMessage badSplit = await app.Admin.PostAsJsonAsync("/api/train", new { validationSplit = 0.9 }, ct);
        HttpResponseMessage badEpochs = await app.Admin.PostAsJsonAsync("/api/train", new { epochs = "many" }, ct);
        HttpResponseMessage notJson = await app.Admin.PostAsync("/api/train", new StringContent("{oops", System.Text.Encoding.UTF8, "application/json"), ct);
        HttpResponseMessage array = await app.Admin.PostAsync("/api/train", new StringContent("[1]", System.Text.Encoding.UTF8, "application/json"), ct);

        Assert.Equal(HttpStatusCode.Accepted, none.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, guide.StatusCode);
        JsonObject job = (await guide.Content.ReadFromJsonAsync<JsonObject>(ct))!["job"]!.AsObject();
        Assert.Equal(("train", 0.001), (job["type"]!.GetValue<string>(), job["config"]!["learningRate"]!.GetValue<double>()));
        Assert.Equal(HttpStatusCode.BadRequest, badSplit.StatusCode);
        Assert.Contains("validationSplit must be a number 0.05..0.5", await badSplit.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badEpochs.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, array.StatusCode);
    }

    [Fact]
    public async Task Logs_FullHistoryOfFinishedJob_StreamsEveryLineThenEnds()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { Configuration = AppOptions.FastJobs() });
        JobRecord job = await app.Jobs.SubmitAsync("noop", new JsonObject { ["items"] = 5 }, JobPriority.High, "test", ct);
        await app.WaitForEndAsync(job.Id, Long);
        await app.Services.GetRequiredService<JobLogWriter>().FlushAsync(ct);

        HttpResponseMessage response = await app.Admin.GetAsync($"/api/admin/jobs/{job.Id}/logs?full=true", ct);
        string body = await response.Content.ReadAsStringAsync(ct);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        string[] data = body.Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).ToArray();
        Assert.Contains(data, l => l.Contains("Created by test", StringComparison.Ordinal));
        Assert.Contains(data, l => l.Contains("Listed 5 items", StringComparison.Ordinal));
        Assert.Contains(data, l => l.Contains("completed after", StringComparison.Ordinal));
        Assert.EndsWith("event: end\ndata: {\"status\":\"completed\"}\n\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_RunningJob_FollowsNewLinesLive()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { Configuration = AppOptions.FastJobs() });
        JobRecord job = await app.Jobs.SubmitAsync("noop", new JsonObject { ["items"] = 40, ["delayMs"] = 200, ["failKeys"] = new JsonArray(NoopJobType.KeyOf(40)) }, JobPriority.High, "test", ct);
        await app.WaitForJobAsync(job.Id, j => j.Status == JobStatus.Running, Long);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/admin/jobs/{job.Id}/logs");
        using HttpResponseMessage response = await app.Admin.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        var lines = new List<string>();
        DateTime start = DateTime.UtcNow;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            lines.Add(line);
        }

        // The stream stayed open while the job ran and carried lines written after it opened.
        Assert.Contains(lines, l => l.Contains($"{NoopJobType.KeyOf(40)} failed after", StringComparison.Ordinal));
        Assert.Equal("data: {\"status\":\"failed\"}", lines[^2]);
        Assert.True(DateTime.UtcNow - start > TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Metrics_JobsSection_CountsByStatusAndDurations()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { Configuration = AppOptions.FastJobs() });
        JobRecord a = await app.Jobs.SubmitAsync("noop", new JsonObject { ["items"] = 3, ["delayMs"] = 50 }, JobPriority.High, "test", ct);
        JobRecord b = await app.Jobs.SubmitAsync("noop", new JsonObject { ["items"] = 1, ["failKeys"] = new JsonArray(NoopJobType.KeyOf(1)) }, JobPriority.High, "test", ct);
        await app.WaitForEndAsync(a.Id, Long);
        await app.WaitForEndAsync(b.Id, Long);

        JsonObject jobs = (await app.Admin.GetFromJsonAsync<JsonObject>("/api/admin/metrics", ct))!["jobs"]!.AsObject();

        Assert.Equal(1, jobs["completed"]!.GetValue<long>());
        Assert.Equal(1, jobs["failed"]!.GetValue<long>());
        Assert.Equal(0, jobs["pending"]!.GetValue<long>());
        Assert.Equal(0, jobs["running"]!.GetValue<long>());
        Assert.Equal(0, jobs["paused"]!.GetValue<long>());
        Assert.Equal(0, jobs["cancelled"]!.GetValue<long>());
        long total = jobs["totalDurationMs"]!.GetValue<long>();
        Assert.True(total > 0);
        Assert.Equal(total, jobs["avgDurationMs"]!.GetValue<long>());
    }
}
