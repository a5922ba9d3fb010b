using SidFlow.Api.Configuration;

namespace SidFlow.Local.Hosting;

/// <summary>Where the local host keeps its configuration file and data (<c>SIDFLOW_CONFIG</c>, <c>SIDFLOW_DATA</c>).</summary>
public sealed record AppPaths(string ConfigFile, string DataDirectory)
{
    public static AppPaths FromEnvironment() => new(
        SidFlowConfiguration.ConfigFileFromEnvironment(),
        Path.GetFullPath(Environment.GetEnvironmentVariable("SIDFLOW_DATA") is { Length: > 0 } d ? d : "data"));

    public string AzuriteDirectory => Path.Combine(DataDirectory, "azurite");
    public string AdminTokenFile => Path.Combine(DataDirectory, "admin-token");

    /// <summary>The daily access logs of <c>up</c> and <c>serve</c>.</summary>
    public string LogDirectory => Path.Combine(DataDirectory, "logs");
}
