using Microsoft.DurableTask;

namespace SidFlow.Local.Durable;

/// <summary>
/// The Durable Task Framework's client serializes inputs and events with this: the same System.Text.Json
/// converter the orchestrations read them with (and the one the Functions worker writes with), so either
/// host can start what the other runs.
/// </summary>
internal sealed class DurableJsonDataConverter : DurableTask.Core.Serializing.DataConverter
{
    private readonly DataConverter _json = Microsoft.DurableTask.Converters.JsonDataConverter.Default;

    public override string Serialize(object value) => _json.Serialize(value) ?? "null";

    public override string Serialize(object value, bool formatted) => Serialize(value);

    public override object Deserialize(string data, Type objectType) => _json.Deserialize(data, objectType)!;
}
