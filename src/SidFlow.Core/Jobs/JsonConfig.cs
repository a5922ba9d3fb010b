using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SidFlow.Core.Jobs;

/// <summary>Numbers from job configs, whether they came from HTTP (JSON text) or from code (CLR values).</summary>
public static class JsonConfig
{
    public static bool TryGetDouble(JsonNode? node, out double value)
    {
        value = 0;
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
               && double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryGetInt(JsonNode? node, out int value)
    {
        value = 0;
        return TryGetDouble(node, out double d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue && (value = (int)d) == d;
    }
}
