using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues.Models;
using SidFlow.Core.Jobs;
using SidFlow.Core.Render;
using SidFlow.Storage.Render;
using SidFlow.Testing;
using SidFlow.Ultimate64Simulator;
using Xunit;

namespace SidFlow.EdgeAgent.Tests.Hosting;

public sealed class HardwareRenderWorkerTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(3);

    private static HardwareRenderRequest Request(double seconds, long? requestedAt = null) => AgentRig.Request(seconds, requestedAt: requestedAt);

    private static async Task<HardwareRenderResult> AnswerOfAsync(AgentRig rig, string requestId)
    {
        var answers = rig.Storage.Queue(rig.Storage.Names.RenderU64AnswersQueue);
        return await Eventually.HoldsAsync(async () =>
        {
            foreach (PeekedMessage m in (await answers.PeekMessagesAsync(32, TestContext.Current.CancellationToken)).Value)
            {
                if (QueueHardwareRenderQueue.Read(m.Body) is { } answer && answer.RequestId == requestId)
                {
                    return answer;
                }
            }

            return null;
        }, a => a is not null, Long, $"the agent's answer to {requestId}") ?? throw new InvalidOperationException();
    }

    [Fact]
    public async Task Worker_RequestOnTheQueue_AnswersDoneToItsRunAndRemovesIt()
    {
        await using AgentRig rig = await AgentRig.StartAsync(azurite, new SimulatorOptions());
        await rig.StartWorkersAsync();
        HardwareRenderRequest request = Request(1);

        await new QueueHardwareRenderQueue(rig.Storage).SendAsync(request, TestContext.Current.CancellationToken);

        HardwareRenderResult answer = await AnswerOfAsync(rig, request.RequestId);
        Assert.Equal((HardwareRenderResult.Done, "job-x-r1", 0.0), (answer.Status, answer.ReplyTo, answer.PacketLoss));
        Assert.True(await rig.Get<IHardwareRenderInbox>().IsAnsweredAsync(request.RequestId, TestContext.Current.CancellationToken));
        await Eventually.HoldsAsync(
            async () => (await rig.Storage.Queue(rig.Storage.Names.RenderU64Queue).PeekMessagesAsync(1, TestContext.Current.CancellationToken)).Value.Length,
            n => n == 0, Long, "the request to leave the queue");
        Assert.Contains(await rig.Get<IAvailabilityStore>().ListForAsync(AgentRig.SongPath, TestContext.Current.CancellationToken), a => a.Renderer == "ultimate64");
    }

    [Fact]
    public async Task Worker_ExpiredRequest_AnswersFailedWithoutTouchingTheDevice()
    {
        await using AgentRig rig = await AgentRig.StartAsync(azurite, new SimulatorOptions(),
            new Dictionary<string, string?> { ["render:ultimate64:timeout"] = "60000" });
        await rig.StartWorkersAsync();
        HardwareRenderRequest request = Request(1, DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds());

        await new QueueHardwareRenderQueue(rig.Storage).SendAsync(request, TestContext.Current.CancellationToken);

        HardwareRenderResult answer = await AnswerOfAsync(rig, request.RequestId);
        Assert.Equal(HardwareRenderResult.Failed, answer.Status);
        Assert.StartsWith("expired", answer.Error, StringComparison.Ordinal);
        Assert.False(answer.Retryable);
        Assert.DoesNotContain(rig.Device.Calls, c => c.Path.Contains("sidplay", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Worker_RenderOverrunsTheTimeout_AnswersRetryableFailureAndResetsTheDevice()
    {
        await using AgentRig rig = await AgentRig.StartAsync(azurite, new SimulatorOptions(),
            new Dictionary<string, string?> { ["render:ultimate64:timeout"] = "2500" });
        await rig.StartWorkersAsync();
        HardwareRenderRequest request = Request(30);

        await new QueueHardwareRenderQueue(rig.Storage).SendAsync(request, TestContext.Current.CancellationToken);

        HardwareRenderResult answer = await AnswerOfAsync(rig, request.RequestId);
        Assert.Equal(HardwareRenderResult.Failed, answer.Status);
        Assert.Contains("did not finish within render.ultimate64.timeout", answer.Error, StringComparison.Ordinal);
        Assert.True(answer.Retryable);
        string[] paths = rig.Device.Calls.Select(c => c.Path).Where(p => !p.EndsWith("/v1/info", StringComparison.Ordinal)).ToArray();
        Assert.EndsWith("machine:reset", paths[^1], StringComparison.Ordinal);
        Assert.EndsWith("audio:stop", paths[^2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderApi_Ultimate64ModeWithAgentAndDevice_RecordsTheCaptureAndReportsTheDevice()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { Configuration = AppOptions.FastJobs() });
        await SampleImport.ImportAsync(app, [RepositoryPaths.SampleFile(AgentRig.SongPath)], ct);
        await using AgentRig rig = await AgentRig.StartAsync(azurite, new SimulatorOptions(),
            new Dictionary<string, string?> { ["render:ultimate64:heartbeatSeconds"] = "1" }, prefix: app.Prefix);
        await rig.StartWorkersAsync();
        HttpResponseMessage submitted = await app.Admin.PostAsJsonAsync("/api/admin/render",
            HardwareRender(new JsonObject { ["duration"] = 2.5, ["subtune"] = 2, ["formats"] = new JsonArray("wav", "flac") }), ct);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        string id = (await submitted.Content.ReadFromJsonAsync<JsonObject>(ct))!["job"]!["id"]!.GetValue<string>();
        JobRecord job = await app.WaitForEndAsync(id, Long);

        Assert.True(job.Status == JobStatus.Completed, job.Metadata.Error);
        HttpResponseMessage checkedAnswer = await app.Admin.PostAsJsonAsync("/api/availability/check", new JsonObject { ["sidPath"] = AgentRig.SongPath, ["subtune"] = 2 }, ct);
        JsonObject formats = (await checkedAnswer.Content.ReadFromJsonAsync<JsonObject>(ct))!["formats"]!.AsObject();
        Assert.Equal(["flac", "wav"], formats.Select(f => f.Key).Order());
        foreach ((string _, JsonNode? asset) in formats)
        {
            Assert.Equal("ultimate64", asset!["renderer"]!.GetValue<string>());
            Assert.Equal(2.5, asset["duration"]!.GetValue<double>(), 3);
            Assert.Equal(0.0, asset["packetLoss"]!.GetValue<double>());
        }

        Assert.Contains(rig.Device.Calls, c => c.Path.EndsWith("runners:sidplay", StringComparison.Ordinal) && c.Query.Contains("songnr=2", StringComparison.Ordinal));
        JsonObject health = await Eventually.HoldsAsync(
            async () => JsonNode.Parse(await app.Client.GetStringAsync("/api/health", ct))!.AsObject(),
            h => h["checks"]?["ultimate64"]?["details"]?["connected"]?.GetValue<bool>() == true, Long, "health to show the connected device");
        JsonNode u64 = health["checks"]!["ultimate64"]!;
        Assert.Equal("healthy", u64["status"]!.GetValue<string>());
        Assert.Equal("3.12", u64["details"]!["deviceInfo"]!["firmware_version"]!.GetValue<string>());
    }

    [Fact]
    public async Task RenderApi_DeviceUnreachable_RetriesWithANewRequestThenFailsWithTheAgentsReason()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { Configuration = AppOptions.FastJobs(new Dictionary<string, string?> { ["jobs:MaxDequeueCount"] = "2" }) });
        await SampleImport.ImportAsync(app, [RepositoryPaths.SampleFile(AgentRig.SongPath)], ct);
        await using AgentRig rig = await AgentRig.StartAsync(azurite, new SimulatorOptions(), prefix: app.Prefix);
        await rig.Device.StopAsync();
        await rig.StartWorkersAsync();
        HttpResponseMessage submitted = await app.Admin.PostAsJsonAsync("/api/admin/render", HardwareRender(new JsonObject { ["duration"] = 1 }), ct);
        string id = (await submitted.Content.ReadFromJsonAsync<JsonObject>(ct))!["job"]!["id"]!.GetValue<string>();
        JobRecord job = await app.WaitForEndAsync(id, Long);

        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.Contains("the Ultimate 64 edge agent", job.Metadata.Error, StringComparison.Ordinal);
        Assert.Contains($"after {SidFlow.EdgeAgent.Device.Ultimate64Device.Attempts} attempts", job.Metadata.Error, StringComparison.Ordinal);
        // Each attempt is a request of its own (the id ends with the attempt), answered once.
        string[] answered = await ResultBlobsAsync(rig);
        Assert.Equal(2, answered.Length);
        Assert.Contains(answered, n => n.EndsWith("-1.json", StringComparison.Ordinal));
        Assert.Contains(answered, n => n.EndsWith("-2.json", StringComparison.Ordinal));
    }

    /// <summary>The guide's render body for the ultimate64 mode of the rig's song.</summary>
    private static JsonObject HardwareRender(JsonObject options) => new()
    {
        ["sidPath"] = AgentRig.SongPath,
        ["mode"] = new JsonObject { ["location"] = "ultimate64", ["time"] = "real-time", ["technology"] = "hardware", ["target"] = "wav" },
        ["options"] = options,
    };

    private static async Task<string[]> ResultBlobsAsync(AgentRig rig)
    {
        var names = new List<string>();
        await foreach (Azure.Storage.Blobs.Models.BlobItem blob in rig.Storage.Container(rig.Storage.Names.StateContainer)
            .GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, "u64/results/", TestContext.Current.CancellationToken))
        {
            names.Add(blob.Name);
        }

        return [.. names];
    }
}
