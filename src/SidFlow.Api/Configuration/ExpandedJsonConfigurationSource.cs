using System.Text.Json;
using System.Text.RegularExpressions;

namespace SidFlow.Api.Configuration;

/// <summary>
/// <c>.sidflow.json</c> as configuration, with <c>${NAME}</c> in string values read from the environment,
/// so that secrets live in the environment and never in the file: a key named like a secret (password, token,
/// key, connection string) whose value is not written as <c>${NAME}</c> stops loading, naming the key.
/// </summary>
public sealed partial class ExpandedJsonConfigurationSource(string path, Func<string, string?> environment) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(path, environment);

    /// <summary>Names that a value referred to but the environment did not hold; those values are empty.</summary>
    public static IReadOnlyCollection<string> MissingVariables(IConfigurationRoot root) =>
        root.Providers.OfType<Provider>().SelectMany(p => p.Missing).Distinct().ToArray();

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Variable();

    /// <summary>Key names that hold secrets: passwords, tokens, keys, connection strings.</summary>
    [GeneratedRegex("(password|passwd|secret|token|tokens|connectionstring|key)$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    private sealed class Provider(string path, Func<string, string?> environment) : ConfigurationProvider
    {
        public List<string> Missing { get; } = [];

        public override void Load()
        {
            var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            if (File.Exists(path))
            {
                using JsonDocument doc = Parse(path);
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new ConfigurationRefusedException($"{path}: the configuration must be a JSON object");
                }

                Flatten(doc.RootElement, null, data);
            }

            Data = data;
        }

        private void Flatten(JsonElement element, string? key, Dictionary<string, string?> data)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (JsonProperty p in element.EnumerateObject())
                    {
                        Flatten(p.Value, key is null ? p.Name : key + ConfigurationPath.KeyDelimiter + p.Name, data);
                    }

                    break;
                case JsonValueKind.Array:
                    int i = 0;
                    foreach (JsonElement item in element.EnumerateArray())
                    {
                        Flatten(item, key + ConfigurationPath.KeyDelimiter + i++, data);
                    }

                    break;
                case JsonValueKind.String:
                    RefuseLiteralSecret(key!, element.GetString()!);
                    data[key!] = Expand(element.GetString()!);
                    break;
                case JsonValueKind.Null:
                    data[key!] = null;
                    break;
                default:
                    data[key!] = element.GetRawText();
                    break;
            }
        }

        private static JsonDocument Parse(string path)
        {
            try
            {
                return JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            }
            catch (JsonException ex)
            {
                // The parser's message gives line and byte position, never the text around it.
                throw new ConfigurationRefusedException($"{path}: not valid JSON: {ex.Message}");
            }
        }

        /// <summary>A key named like a secret must take its value from the environment: the file is no place for it.</summary>
        private void RefuseLiteralSecret(string key, string value)
        {
            if (SecretName().IsMatch(key[(key.LastIndexOf(':') + 1)..]) && Variable().Replace(value, string.Empty).Trim().Length > 0)
            {
                throw new ConfigurationRefusedException(
                    $"{path}: {key.Replace(':', '.')} holds a literal secret; write it as \"${{NAME}}\" and set the environment variable NAME");
            }
        }

        private string Expand(string value) => Variable().Replace(value, m =>
        {
            string? resolved = environment(m.Groups[1].Value);
            if (resolved is null)
            {
                Missing.Add(m.Groups[1].Value);
            }

            return resolved ?? string.Empty;
        });
    }
}
