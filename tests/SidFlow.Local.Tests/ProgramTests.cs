using System.Diagnostics;
using SidFlow.Local.Hosting;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Local.Tests;

public sealed class ProgramTests
{
    [Fact]
    public async Task Serve_LiteralSecretInTheConfigFile_RefusesToStartNamingTheKey()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var dir = new TempDirectory();
        string config = dir.Combine(".sidflow.json");
        await File.WriteAllTextAsync(config, """{"alerts": {"smtp": {"host": "127.0.0.1", "password": "hunter2-literal"}}}""", ct);
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = dir.Path };
        start.ArgumentList.Add(typeof(ServeProcess).Assembly.Location);
        start.ArgumentList.Add("serve");
        start.Environment["SIDFLOW_CONFIG"] = config;
        start.Environment["SIDFLOW_DATA"] = dir.Combine("data");

        (int exit, string stdout, string stderr) = await ToolRun.RunAsync(start, null, TimeSpan.FromSeconds(60), ct);

        string said = stderr + stdout;
        Assert.Equal(2, exit);
        Assert.Contains("alerts.smtp.password holds a literal secret", said, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-literal", said, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Combine("data", "azurite")), "storage was started before the configuration was checked");
    }
}
