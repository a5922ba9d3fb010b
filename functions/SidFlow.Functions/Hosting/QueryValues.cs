using System.Globalization;

namespace SidFlow.Functions.Hosting;

/// <summary>Query parameters as the local host's minimal API binds them: absent is null, malformed is a 400.</summary>
public static class QueryValues
{
    public static string? Text(this HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var values) ? values.ToString() : null;

    public static int? Int(this HttpRequest request, string name) =>
        request.Text(name) is not { } text ? null
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value
        : throw new BadHttpRequestException($"Failed to bind parameter \"int? {name}\" from \"{text}\".");

    public static bool? Bool(this HttpRequest request, string name) =>
        request.Text(name) is not { } text ? null
        : bool.TryParse(text, out bool value) ? value
        : throw new BadHttpRequestException($"Failed to bind parameter \"bool? {name}\" from \"{text}\".");
}
