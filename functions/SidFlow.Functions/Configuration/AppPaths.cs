namespace SidFlow.Functions.Configuration;

/// <summary>Where the app keeps its configuration file and local data.</summary>
public sealed record AppPaths(string ConfigFile, string DataDirectory)
{
    public static AppPaths FromEnvironment() => new(
        Path.GetFullPath(Environment.GetEnvironmentVariable("SIDFLOW_CONFIG") is { Length: > 0 } c ? c : ".sidflow.json"),
        Path.GetFullPath(Environment.GetEnvironmentVariable("SIDFLOW_DATA") is { Length: > 0 } d ? d : "data"));

    public string AzuriteDirectory => Path.Combine(DataDirectory, "azurite");
    public string AdminTokenFile => Path.Combine(DataDirectory, "admin-token");
}
