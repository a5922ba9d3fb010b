using System.Text.Json.Nodes;

namespace SidFlow.Ultimate64Simulator;

/// <summary>What the device answers: a status and a JSON body that always ends with <c>errors</c>, or no body at all (404).</summary>
internal sealed record DeviceReply(int Status, JsonObject? Body)
{
    public static DeviceReply NotFound { get; } = new(StatusCodes.Status404NotFound, null);

    public static DeviceReply Ok(JsonObject? body = null) => new(StatusCodes.Status200OK, WithErrors(body ?? [], []));

    public static DeviceReply Error(int status, string message) => new(status, WithErrors([], [message]));

    private static JsonObject WithErrors(JsonObject body, string[] errors)
    {
        body["errors"] = new JsonArray(errors.Select(e => (JsonNode?)JsonValue.Create(e)).ToArray());
        return body;
    }
}
