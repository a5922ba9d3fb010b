using SidFlow.Testing;
using Xunit;

namespace SidFlow.EdgeAgent.Tests.Deploy;

public sealed class SystemdUnitTests
{
    private static Dictionary<string, string> Service()
    {
        string unit = Path.Combine(RepositoryPaths.Root, "edge-agent", "SidFlow.EdgeAgent", "deploy", "sidflow-edge-agent.service");
        return File.ReadLines(unit)
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith('[') && l.Contains('='))
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
    }

    [Fact]
    public void Unit_StartsTheAgentsAssemblyAsANotifyServiceThatRestarts()
    {
        Dictionary<string, string> unit = Service();

        Assert.EndsWith("/" + typeof(EdgeAgentServices).Assembly.GetName().Name + ".dll", unit["ExecStart"], StringComparison.Ordinal);
        Assert.Equal("notify", unit["Type"]);
        Assert.Equal("always", unit["Restart"]);
        Assert.Equal("network-online.target", unit["After"]);
    }

    [Fact]
    public void Unit_SecretsComeFromAnEnvironmentFileAndTheServiceRunsUnprivileged()
    {
        Dictionary<string, string> unit = Service();

        Assert.StartsWith("/etc/", unit["EnvironmentFile"], StringComparison.Ordinal);
        Assert.DoesNotContain(unit.Keys, k => k == "Environment");
        Assert.NotEqual("root", unit["User"]);
        Assert.Equal("true", unit["NoNewPrivileges"]);
    }
}
