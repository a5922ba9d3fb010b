using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Infra.Tests;

/// <summary>infra/ compiles with the Bicep CLI from NuGet, offline, with no error and no warning.</summary>
public sealed class BicepBuildTests
{
    private static string Bicep
    {
        get
        {
            string path = typeof(BicepBuildTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value!;
            Assert.True(File.Exists(path), $"bicep not found at {path}");
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
            return path;
        }
    }

    private static string Infra => Path.Combine(RepositoryPaths.Root, "infra");

    [Fact]
    public async Task Build_MainTemplate_CompilesWithoutDiagnostics()
    {
        (int exit, string stdout, string stderr) = await RunAsync(["build", Path.Combine(Infra, "main.bicep"), "--stdout"], null);

        Assert.True(exit == 0, stderr);
        Assert.Equal(string.Empty, stderr.Trim());
        using JsonDocument arm = JsonDocument.Parse(stdout);
        string text = arm.RootElement.GetRawText();
        Assert.Contains("Microsoft.Web/sites", text, StringComparison.Ordinal);
        Assert.Contains("FlexConsumption", text, StringComparison.Ordinal);
        Assert.Contains("Microsoft.ManagedIdentity/userAssignedIdentities", text, StringComparison.Ordinal);
        Assert.Contains("Microsoft.Insights/components", text, StringComparison.Ordinal);
        Assert.Contains("ElasticPremium", text, StringComparison.Ordinal);
        Assert.Contains("dotnet-isolated", text, StringComparison.Ordinal);
        // Blob Data Owner (the Functions host's leases), Queue and Table Data Contributor (the Durable task hub).
        Assert.Contains("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", text, StringComparison.Ordinal);
        Assert.Contains("974c5e8b-45b9-4653-ba55-5f855dd0fb88", text, StringComparison.Ordinal);
        Assert.Contains("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildParams_ParameterFile_CompilesWithTokenFromEnvironment()
    {
        (int exit, string stdout, string stderr) = await RunAsync(
            ["build-params", Path.Combine(Infra, "main.bicepparam"), "--stdout"],
            new Dictionary<string, string> { ["SIDFLOW_ADMIN_TOKEN"] = new string('t', 40) });

        Assert.True(exit == 0, stderr);
        Assert.Equal(string.Empty, stderr.Trim());
        Assert.Contains("parametersJson", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_EveryModule_HasNoDiagnostics()
    {
        foreach (string file in Directory.EnumerateFiles(Infra, "*.bicep", SearchOption.AllDirectories))
        {
            (int exit, _, string stderr) = await RunAsync(["lint", file], null);
            Assert.True(exit == 0 && stderr.Trim().Length == 0, $"{file}: {stderr}");
        }
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string[] args, IDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(Bicep);
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["BICEP_TRACING_ENABLED"] = "false";
        foreach ((string k, string v) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[k] = v;
        }

        return await ToolRun.RunAsync(start, null, TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
    }
}
