using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using netDumbster.smtp;
using SidFlow.Core.Alerts;
using SidFlow.Core.Jobs;
using SidFlow.Core.Operations;
using SidFlow.Core.Render;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Api.Tests.Operations;

public sealed class AlertsApiTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Evaluate_StalledJobAndOldAsset_EachAlertedOnceEverywhereThenResolvedOnce()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using WebhookReceiver hook = await WebhookReceiver.StartAsync();
        using SimpleSmtpServer smtp = StartSmtp(out int smtpPort);
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { RunJobEngine = false, Configuration = Alerting(hook.Url, smtpPort) });
        AlertMonitor alerts = app.Services.GetRequiredService<AlertMonitor>();
        // Without the engine the admitted job stays at 0 of 1: a job that stalls.
        JobRecord job = await app.Jobs.SubmitAsync("noop", new JsonObject { ["items"] = 1 }, JobPriority.High, "test", ct);
        await app.WaitForJobAsync(job.Id, j => j.Status == JobStatus.Running, Long);
        RenderAsset old = OldAsset();
        await app.Services.GetRequiredService<IAvailabilityStore>().UpsertAsync(old, ct);

        // The stall threshold is half a second from the job's start: the evaluation after it alerts.
        AlertEvaluation? first = await Eventually.HoldsAsync(() => alerts.EvaluateAsync(ct), e => e is not null && e.Holding.Any(c => c.Component == "jobs"), Long, "the stall alert");
        AlertEvaluation again = (await alerts.EvaluateAsync(ct))!;

        JsonObject[] fired = [.. hook.Received];
        Assert.Equal(2, fired.Length);
        Assert.Empty(again.Fired);
        JsonObject cache = Assert.Single(fired, f => f["component"]!.GetValue<string>() == "cache");
        Assert.Equal(["timestamp", "severity", "component", "message", "details"], cache.Select(p => p.Key));
        Assert.Equal("warning", cache["severity"]!.GetValue<string>());
        Assert.Equal(86_400_000, cache["details"]!["threshold"]!.GetValue<long>());
        Assert.True(cache["details"]!["oldestCacheFileAge"]!.GetValue<long>() > 2 * 86_400_000L - 60_000);
        JsonObject stall = Assert.Single(fired, f => f["component"]!.GetValue<string>() == "jobs");
        Assert.Equal(job.Id, stall["details"]!["jobId"]!.GetValue<string>());
        Assert.Contains(first!.Fired, k => k == "job-stall:" + job.Id);
        await Eventually.HoldsAsync(() => smtp.ReceivedEmailCount == 2, Long, "two alert e-mails");
        Assert.All(smtp.ReceivedEmail, m => Assert.Equal("ops@sidflow.test", m.ToAddresses.Single().Address));

        await app.Jobs.CancelAsync(job.Id, ct);
        await app.Services.GetRequiredService<IAvailabilityStore>().DeleteAsync(old, ct);
        AlertEvaluation cleared = (await alerts.EvaluateAsync(ct))!;
        AlertEvaluation quiet = (await alerts.EvaluateAsync(ct))!;

        Assert.Equal(2, cleared.Cleared.Count);
        Assert.Empty(quiet.Cleared);
        Assert.Empty(quiet.Fired);
        JsonObject[] all = [.. hook.Received];
        Assert.Equal(4, all.Length);
        Assert.All(all[2..], r => Assert.True(r["details"]!["resolved"]!.GetValue<bool>()));
        Assert.Equal(["cache", "jobs"], all[2..].Select(r => r["component"]!.GetValue<string>()).Order());
        await Eventually.HoldsAsync(() => smtp.ReceivedEmailCount == 4, Long, "two resolved e-mails");
        AuditEntry[] audit = [.. await app.Services.GetRequiredService<IAuditLog>().ReadAsync("alert.", null, 100, ct)];
        Assert.Equal(["alert.fired", "alert.fired", "alert.resolved", "alert.resolved"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.True(a.Success));
    }

    [Fact]
    public async Task Evaluate_WebhookFailing_RetriedThenGivenUpAndRecorded()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using WebhookReceiver hook = await WebhookReceiver.StartAsync();
        hook.Failing = true;
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { RunJobEngine = false, Configuration = Alerting(hook.Url, null) });
        await app.Services.GetRequiredService<IAvailabilityStore>().UpsertAsync(OldAsset(), ct);

        AlertEvaluation evaluation = (await app.Services.GetRequiredService<AlertMonitor>().EvaluateAsync(ct))!;

        Assert.Equal(["cache-age"], evaluation.Fired);
        Assert.Equal(3, hook.Received.Count);
        AuditEntry line = Assert.Single(await app.Services.GetRequiredService<IAuditLog>().ReadAsync("alert.fired", null, 10, ct));
        Assert.False(line.Success);
        Assert.Contains("gave up after 3 attempts", line.Details["delivery"]!["webhook"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("not configured", line.Details["delivery"]!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task Evaluate_PlaybackFailureRateOverThreshold_AlertsOnce()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using WebhookReceiver hook = await WebhookReceiver.StartAsync();
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { RunJobEngine = false, Configuration = Alerting(hook.Url, null) });
        AlertMonitor alerts = app.Services.GetRequiredService<AlertMonitor>();
        JsonNode[] reports = [.. Enumerable.Range(0, 15).Select(_ => (JsonNode)Telemetry.TelemetryApiTests.Report("session")), .. Enumerable.Range(0, 5).Select(_ => (JsonNode)Telemetry.TelemetryApiTests.Report("failure"))];
        await app.Client.PostAsJsonAsync("/api/telemetry", new JsonObject { ["events"] = new JsonArray(reports) }, ct);

        AlertEvaluation evaluation = (await alerts.EvaluateAsync(ct))!;
        await app.Client.PostAsJsonAsync("/api/telemetry", new JsonObject { ["events"] = new JsonArray(Telemetry.TelemetryApiTests.Report("failure")) }, ct);
        AlertEvaluation again = (await alerts.EvaluateAsync(ct))!;

        Assert.Equal(["playback-failures"], evaluation.Fired);
        Assert.Empty(again.Fired);
        JsonObject alert = Assert.Single(hook.Received);
        Assert.Equal("playback", alert["component"]!.GetValue<string>());
        Assert.Equal(0.25, alert["details"]!["failureRate"]!.GetValue<double>());
        Assert.Equal(0.1, alert["details"]!["threshold"]!.GetValue<double>());
        Assert.Contains("sidflow_alerts_firing{component=\"playback\"} 1\n", await app.Admin.GetStringAsync("/api/metrics", ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendTestAlert_EveryChannel_DeliveredAndAudited()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using WebhookReceiver hook = await WebhookReceiver.StartAsync();
        using SimpleSmtpServer smtp = StartSmtp(out int smtpPort);
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { RunJobEngine = false, Configuration = Alerting(hook.Url, smtpPort) });

        HttpResponseMessage response = await app.Admin.PostAsync("/api/admin/alerts/test", null, ct);
        JsonObject result = (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!;

        Assert.Equal("delivered", result["webhook"]!.GetValue<string>());
        Assert.Equal("delivered", result["email"]!.GetValue<string>());
        Assert.Equal("written", result["audit"]!.GetValue<string>());
        Assert.Equal("Test alert from SidFlow", Assert.Single(hook.Received)["message"]!.GetValue<string>());
        await Eventually.HoldsAsync(() => smtp.ReceivedEmailCount == 1, Long, "the test e-mail");
        Assert.Single(await app.Services.GetRequiredService<IAuditLog>().ReadAsync("alert.test", null, 10, ct));
    }

    private static Dictionary<string, string?> Alerting(string webhook, int? smtpPort)
    {
        var config = new Dictionary<string, string?>
        {
            ["alerts:webhookUrl"] = webhook,
            ["alerts:thresholds:maxJobStallMs"] = "500",
            ["alerts:thresholds:maxCacheAgeMs"] = "86400000",
            // This process's CPU and memory are the test host's: no alert on them here.
            ["alerts:thresholds:maxCpuPercent"] = "100000",
            ["alerts:thresholds:maxMemoryPercent"] = "100000",
        };
        if (smtpPort is { } port)
        {
            config["alerts:emailRecipients:0"] = "ops@sidflow.test";
            config["alerts:smtp:host"] = "127.0.0.1";
            config["alerts:smtp:port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            config["alerts:smtp:tls"] = "none";
        }

        return config;
    }

    private static RenderAsset OldAsset() => new()
    {
        SidPath = "MUSICIANS/H/Hubbard_Rob/Delta.sid",
        Subtune = 1,
        Format = "wav",
        Size = 1000,
        Duration = 10,
        RenderedAt = DateTimeOffset.UtcNow.AddDays(-2),
        Renderer = "sidplayfp",
        Blob = "MUSICIANS/H/Hubbard_Rob/Delta.sid/1/sidplayfp.wav",
        Parameters = "test",
    };

    private static SimpleSmtpServer StartSmtp(out int port)
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return netDumbster.smtp.Configuration.Configure().WithPort(port).WithAddress(System.Net.IPAddress.Loopback).Build();
    }
}
