using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SidFlow.Core.Operations;
using SidFlow.Local.Hosting;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Local.Tests.Cli;

public sealed class CliAuditTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Verbs_ControlsAndCacheClearing_AuditedWithTheUserAsActorFailuresIncluded()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string prefix = azurite.NewPrefix();
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { RunJobEngine = false, Prefix = prefix });

        (int pauseExit, _, _) = await RunVerbAsync(prefix, ct, "jobs", "pause", "noop-20200101-000000");
        (int clearExit, string said, string errors) = await RunVerbAsync(prefix, ct, "cache", "clear", "--formats", "wav");

        Assert.Equal(1, pauseExit);
        Assert.True(clearExit == 0, said + errors);
        AuditEntry[] lines = [.. await app.Services.GetRequiredService<IAuditLog>().ReadAsync(null, null, 10, ct)];
        Assert.Equal(["job.pause", "cache.invalidate"], lines.Select(l => l.Action));
        Assert.Equal([false, true], lines.Select(l => l.Success));
        Assert.All(lines, l => Assert.Equal("cli:" + Environment.UserName, l.Actor));
        Assert.Equal("noop-20200101-000000", lines[0].Details["id"]!.GetValue<string>());
        Assert.Equal("wav", lines[1].Details["formats"]!.GetValue<string>());
    }

    private async Task<(int Exit, string Stdout, string Stderr)> RunVerbAsync(string prefix, CancellationToken ct, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetTempPath() };
        start.ArgumentList.Add(typeof(ServeProcess).Assembly.Location);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["SIDFLOW_STORAGE"] = azurite.ConnectionString;
        start.Environment["SIDFLOW_STORAGE_PREFIX"] = prefix;
        start.Environment["SIDFLOW_ADMIN_TOKEN"] = RunningApp.Token;
        start.Environment["SIDFLOW_CONFIG"] = "/nonexistent/.sidflow.json";
        return await ToolRun.RunAsync(start, null, TimeSpan.FromSeconds(120), ct);
    }
}
