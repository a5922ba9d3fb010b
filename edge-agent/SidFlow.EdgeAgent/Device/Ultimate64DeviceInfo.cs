using System.Text.Json;

namespace SidFlow.EdgeAgent.Device;

/// <summary>What <c>GET /v1/info</c> says: product, firmware, FPGA and core versions, host name, unique id.</summary>
public sealed record Ultimate64DeviceInfo(IReadOnlyDictionary<string, string> Fields)
{
    public string Product => Fields.GetValueOrDefault("product") ?? "Ultimate";
    public string Firmware => Fields.GetValueOrDefault("firmware_version") ?? "unknown";

    /// <summary>Reads every string or number member; the device does not escape strings, so anything unreadable is skipped.</summary>
    public static Ultimate64DeviceInfo Parse(string json)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using JsonDocument doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty p in doc.RootElement.EnumerateObject())
                {
                    if (p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                    {
                        fields[p.Name] = p.Value.ToString();
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Leniency by design: an info answer we cannot read leaves the fields empty.
        }

        return new Ultimate64DeviceInfo(fields);
    }

    public override string ToString() => $"{Product} firmware {Firmware}";
}
