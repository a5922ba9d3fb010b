namespace SidFlow.Functions.Configuration;

public static class SidFlowConfiguration
{
    /// <summary>
    /// <c>.sidflow.json</c> (with <c>${NAME}</c> expansion), then environment variables named
    /// <c>SIDFLOW__section__key</c>, which override the file.
    /// </summary>
    public static IConfigurationRoot Load(AppPaths paths, IEnumerable<KeyValuePair<string, string?>>? overrides = null) =>
        new ConfigurationBuilder()
            .Add(new ExpandedJsonConfigurationSource(paths.ConfigFile, Environment.GetEnvironmentVariable))
            .AddEnvironmentVariables("SIDFLOW__")
            .AddInMemoryCollection(overrides ?? [])
            .Build();
}
