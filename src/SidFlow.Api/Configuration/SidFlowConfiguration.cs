namespace SidFlow.Api.Configuration;

public static class SidFlowConfiguration
{
    /// <summary><c>SIDFLOW_CONFIG</c>, else <c>.sidflow.json</c> in the working directory.</summary>
    public static string ConfigFileFromEnvironment() =>
        Path.GetFullPath(Environment.GetEnvironmentVariable("SIDFLOW_CONFIG") is { Length: > 0 } c ? c : ".sidflow.json");

    /// <summary>
    /// <c>.sidflow.json</c> (with <c>${NAME}</c> expansion), then environment variables named
    /// <c>SIDFLOW__section__key</c>, which override the file.
    /// </summary>
    public static IConfigurationRoot Load(string configFile, IEnumerable<KeyValuePair<string, string?>>? overrides = null) =>
        new ConfigurationBuilder()
            .Add(new ExpandedJsonConfigurationSource(configFile, Environment.GetEnvironmentVariable))
            .AddEnvironmentVariables("SIDFLOW__")
            .AddInMemoryCollection(overrides ?? [])
            .Build();
}
