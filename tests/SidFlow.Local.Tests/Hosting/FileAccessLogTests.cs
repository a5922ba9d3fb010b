using System.Text.Json.Nodes;
using SidFlow.Local.Hosting;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Local.Tests.Hosting;

public sealed class FileAccessLogTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Requests_ServedByTheApp_OneLineEachWithoutPathValuesQueriesOrTokens()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var dir = new TempDirectory();
        string logs = dir.Combine("logs");
        Directory.CreateDirectory(logs);
        string old = Path.Combine(logs, "access-20200101.jsonl");
        await File.WriteAllTextAsync(old, "{}\n", ct);
        string recent = FileAccessLog.FileFor(logs, DateTimeOffset.UtcNow.AddDays(-2));
        await File.WriteAllTextAsync(recent, "{}\n", ct);

        await using (RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { RunJobEngine = false, AccessLogDirectory = logs }))
        {
            await app.Client.GetAsync("/api/catalog?path=MUSICIANS/S/Secret/Value.sid", ct);
            await app.Admin.GetAsync("/api/admin/jobs/noop-20200101-000000", ct);
            await app.Client.GetAsync("/no/such/route?token=abc", ct);
        }

        string today = FileAccessLog.FileFor(logs, DateTimeOffset.UtcNow);
        string text = await File.ReadAllTextAsync(today, ct);
        JsonObject[] lines = [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject())];

        Assert.Equal(["/api/catalog", "/api/admin/jobs/{id}", "(no route)"], lines.Select(l => l["route"]!.GetValue<string>()));
        Assert.Equal([404, 404, 404], lines.Select(l => l["status"]!.GetValue<int>()));
        Assert.Equal("GetJob", lines[1]["handler"]!.GetValue<string>());
        Assert.All(lines, l => Assert.True(l["durationMs"]!.GetValue<double>() >= 0));
        Assert.DoesNotContain("Secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("noop-20200101", text, StringComparison.Ordinal);
        Assert.DoesNotContain("token=abc", text, StringComparison.Ordinal);
        Assert.DoesNotContain(RunningApp.Token, text, StringComparison.Ordinal);
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(recent));
    }
}
