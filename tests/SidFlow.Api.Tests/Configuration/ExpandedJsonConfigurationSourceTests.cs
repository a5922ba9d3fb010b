using Microsoft.Extensions.Configuration;
using SidFlow.Api.Configuration;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Api.Tests.Configuration;

public sealed class ExpandedJsonConfigurationSourceTests
{
    [Fact]
    public void Load_ValuesWithVariables_ReadsThemFromTheEnvironment()
    {
        using var dir = new TempDirectory();
        string file = dir.Combine(".sidflow.json");
        File.WriteAllText(file, """
            {
              // comments are allowed
              "render": { "ultimate64": { "password": "${U64_PASSWORD}", "host": "u64-${SITE}.local", "port": 64 } },
              "render2": { "preferredEngines": ["sidplayfp-cli", "wasm"] },
              "alerts": { "webhookUrl": "${MISSING_HOOK}" },
            }
            """);
        var env = new Dictionary<string, string> { ["U64_PASSWORD"] = "s3cret", ["SITE"] = "lab" };

        IConfigurationRoot config = new ConfigurationBuilder()
            .Add(new ExpandedJsonConfigurationSource(file, n => env.GetValueOrDefault(n)))
            .Build();

        Assert.Equal("s3cret", config["render:ultimate64:password"]);
        Assert.Equal("u64-lab.local", config["render:ultimate64:host"]);
        Assert.Equal("64", config["render:ultimate64:port"]);
        Assert.Equal("wasm", config["render2:preferredEngines:1"]);
        Assert.Equal(string.Empty, config["alerts:webhookUrl"]);
        Assert.Equal(["MISSING_HOOK"], ExpandedJsonConfigurationSource.MissingVariables(config));
    }

    [Theory]
    [InlineData("""{"alerts": {"smtp": {"password": "hunter2"}}}""", "alerts.smtp.password")]
    [InlineData("""{"render": {"ultimate64": {"password": "pre-${U64}"}}}""", "render.ultimate64.password")]
    [InlineData("""{"backup": {"key": "c2VjcmV0"}}""", "backup.key")]
    [InlineData("""{"storage": {"connectionString": "AccountKey=abc"}}""", "storage.connectionString")]
    public void Load_LiteralSecret_RefusedNamingTheKeyNotTheValue(string json, string key)
    {
        using var dir = new TempDirectory();
        string file = dir.Combine(".sidflow.json");
        File.WriteAllText(file, json);

        var refused = Assert.Throws<ConfigurationRefusedException>(() => new ConfigurationBuilder()
            .Add(new ExpandedJsonConfigurationSource(file, _ => "x")).Build());

        Assert.Contains(key + " holds a literal secret", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SecretsFromTheEnvironmentOrEmpty_Accepted()
    {
        using var dir = new TempDirectory();
        string file = dir.Combine(".sidflow.json");
        File.WriteAllText(file, """{"alerts": {"smtp": {"password": "${SMTP_PASSWORD}", "user": "ops"}}, "backup": {"key": " ${K1}${K2} "}, "x": {"token": ""}}""");

        IConfigurationRoot config = new ConfigurationBuilder().Add(new ExpandedJsonConfigurationSource(file, n => n + "-value")).Build();

        Assert.Equal("SMTP_PASSWORD-value", config["alerts:smtp:password"]);
        Assert.Equal(" K1-valueK2-value ", config["backup:key"]);
    }

    [Fact]
    public void Load_MissingFile_GivesEmptyConfiguration()
    {
        IConfigurationRoot config = new ConfigurationBuilder()
            .Add(new ExpandedJsonConfigurationSource("/nonexistent/.sidflow.json", _ => null))
            .Build();

        Assert.Empty(config.AsEnumerable());
    }

    [Fact]
    public void Load_NotAnObject_FailsWithFileName()
    {
        using var dir = new TempDirectory();
        string file = dir.Combine("bad.json");
        File.WriteAllText(file, "[1,2]");

        var ex = Assert.Throws<ConfigurationRefusedException>(() => new ConfigurationBuilder().Add(new ExpandedJsonConfigurationSource(file, _ => null)).Build());
        Assert.Contains("bad.json", ex.Message, StringComparison.Ordinal);
    }
}
