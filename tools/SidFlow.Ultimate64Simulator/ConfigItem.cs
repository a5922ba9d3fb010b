using System.Text.Json.Nodes;

namespace SidFlow.Ultimate64Simulator;

/// <summary>One choice item of the device's configuration, set by name as the firmware does (case-insensitive).</summary>
internal sealed class ConfigItem(string category, string name, IReadOnlyList<string> values, string defaultValue, Func<string> read, Action<string> write)
{
    public string Category => category;

    public string Name => name;

    public string Current => read();

    public bool TrySet(string value)
    {
        string? choice = values.FirstOrDefault(v => string.Equals(v, value, StringComparison.OrdinalIgnoreCase));
        if (choice is null)
        {
            return false;
        }

        write(choice);
        return true;
    }

    /// <summary>The shape the firmware gives a single item: current value, the choices, the default.</summary>
    public JsonObject Describe() => new()
    {
        ["current"] = Current,
        ["values"] = new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
        ["default"] = defaultValue,
    };
}
