using System.Text.Json;
using System.Text.Json.Nodes;

namespace SidFlow.Api.Http;

/// <summary>Bodies that may be absent: an empty body is no object; anything but a JSON object is a 400.</summary>
public static class RequestJson
{
    public static async Task<JsonObject?> ReadOptionalObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        string text = await reader.ReadToEndAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new BadHttpRequestException("the body must be a JSON object");
        }
        catch (JsonException ex)
        {
            throw new BadHttpRequestException($"the body is not valid JSON: {ex.Message}");
        }
    }
}
