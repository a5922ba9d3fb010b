using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SidFlow.Core.Render;

namespace SidFlow.EdgeAgent.Device;

/// <summary>
/// The Ultimate 64's REST API (ultimate64-protocol.md): every request carries <c>X-Password</c> when one is
/// configured and is bounded by <c>render.ultimate64.requestTimeout</c>; a device that does not answer is retried
/// <see cref="Attempts"/> times in all, then reported unreachable. Error answers are read leniently (the
/// firmware does not escape strings) and never retried: they will not change.
/// </summary>
public sealed class Ultimate64Device
{
    public const int Attempts = 3;

    public const string FilterCurveRoute = "v1/configs/UltiSID%20Configuration/UltiSID%201%20Filter%20Curve";
    public const string SystemModeRoute = "v1/configs/U64%20Specific%20Settings/System%20Mode";

    private static readonly string[] DeviceFilterCurves = ["6581", "8580 Lo", "8580 Hi"];
    private readonly HttpClient _http;
    private readonly string? _password;
    private readonly TimeSpan _requestTimeout;

    public Ultimate64Device(HttpClient http, IOptions<RenderOptions> options)
    {
        Ultimate64Options u64 = options.Value.Ultimate64;
        if (string.IsNullOrWhiteSpace(u64.Host))
        {
            throw new InvalidOperationException("render.ultimate64.host is not set: the edge agent needs the Ultimate 64's address");
        }

        _http = http;
        _http.BaseAddress = new UriBuilder(Uri.UriSchemeHttp, u64.Host, u64.Port, "/").Uri;
        // The caller's deadline and the request timeout bound each request; HttpClient's own would race them.
        _http.Timeout = Timeout.InfiniteTimeSpan;
        _password = string.IsNullOrEmpty(u64.Password) ? null : u64.Password;
        _requestTimeout = TimeSpan.FromMilliseconds(Math.Max(100, u64.RequestTimeout));
    }

    public Uri Address => _http.BaseAddress!;

    /// <summary>The device's <c>UltiSID 1 Filter Curve</c> value for <c>filterCurve</c> when it is one, else for <c>sidType</c>.</summary>
    public static string FilterCurveFor(Ultimate64Options options) =>
        DeviceFilterCurves.FirstOrDefault(c => string.Equals(c, options.FilterCurve, StringComparison.OrdinalIgnoreCase))
        ?? (options.SidType.Contains("8580", StringComparison.Ordinal) ? "8580 Lo" : "6581");

    public async Task<Ultimate64DeviceInfo> GetInfoAsync(CancellationToken cancellationToken) =>
        Ultimate64DeviceInfo.Parse(await SendAsync(HttpMethod.Get, "v1/info", null, cancellationToken));

    /// <summary>PAL or NTSC as the device reports its system mode (the item's <c>current</c> value); null when the answer does not say.</summary>
    public async Task<string?> GetSystemModeAsync(CancellationToken cancellationToken)
    {
        string answer = await SendAsync(HttpMethod.Get, SystemModeRoute, null, cancellationToken);
        try
        {
            using JsonDocument doc = JsonDocument.Parse(answer);
            return FindCurrent(doc.RootElement, "System Mode") is { } mode && (mode.Contains("NTSC", StringComparison.OrdinalIgnoreCase) || mode.Contains("PAL", StringComparison.OrdinalIgnoreCase))
                ? (mode.Contains("NTSC", StringComparison.OrdinalIgnoreCase) ? "NTSC" : "PAL")
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The item's value: <c>{"System Mode": {"current": "PAL", ...}}</c> or <c>{"System Mode": "PAL"}</c>, at any depth.</summary>
    private static string? FindCurrent(JsonElement element, string item)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (JsonProperty p in element.EnumerateObject())
        {
            if (p.NameEquals(item))
            {
                return p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()
                    : p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("current", out JsonElement current) ? current.ToString()
                    : null;
            }

            if (FindCurrent(p.Value, item) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    public Task SetFilterCurveAsync(string value, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"{FilterCurveRoute}?value={Uri.EscapeDataString(value)}", null, cancellationToken);

    /// <summary>Uploads and plays a SID; <paramref name="song"/> is 1-based and sent in plain decimal (a leading zero would be octal).</summary>
    public Task PlaySidAsync(byte[] sid, int song, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"v1/runners:sidplay?songnr={song.ToString(CultureInfo.InvariantCulture)}", sid, cancellationToken);

    public Task StartAudioStreamAsync(string receiver, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"v1/streams/audio:start?ip={Uri.EscapeDataString(receiver).Replace("%3A", ":", StringComparison.Ordinal)}", null, cancellationToken);

    public Task StopAudioStreamAsync(CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, "v1/streams/audio:stop", null, cancellationToken);

    public Task ResetAsync(CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, "v1/machine:reset", null, cancellationToken);

    private async Task<string> SendAsync(HttpMethod method, string route, byte[]? body, CancellationToken cancellationToken)
    {
        string what = $"{method} /{route}";
        for (int attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, route);
            if (_password is not null)
            {
                request.Headers.Add("X-Password", _password);
            }

            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(_requestTimeout);
            try
            {
                using HttpResponseMessage response = await _http.SendAsync(request, deadline.Token);
                string text = await response.Content.ReadAsStringAsync(deadline.Token);
                if (response.IsSuccessStatusCode)
                {
                    return text;
                }

                throw response.StatusCode == HttpStatusCode.Forbidden
                    ? new Ultimate64Exception(Ultimate64Failure.Forbidden, $"the Ultimate 64 at {Address} refused the password ({(int)response.StatusCode}: {ErrorsOf(text)}); set render.ultimate64.password (from ${{ULTIMATE64_PASSWORD}}) to the device's network password")
                    : new Ultimate64Exception(Ultimate64Failure.Refused, $"the Ultimate 64 at {Address} answered {(int)response.StatusCode} to {what}: {ErrorsOf(text)}");
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                string why = ex is OperationCanceledException ? $"no answer within {_requestTimeout.TotalSeconds:0.#} s" : ex.Message;
                if (attempt >= Attempts)
                {
                    throw new Ultimate64Exception(Ultimate64Failure.Unreachable, $"the Ultimate 64 at {Address} did not answer {what} after {Attempts} attempts: {why}", ex);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt), cancellationToken);
            }
        }
    }

    /// <summary>The <c>errors</c> array when the answer has one; otherwise the start of the text.</summary>
    private static string ErrorsOf(string text)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("errors", out JsonElement errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
            {
                return string.Join("; ", errors.EnumerateArray().Select(e => e.ToString()));
            }
        }
        catch (JsonException)
        {
            // Unescaped strings: fall back to the raw text.
        }

        return text.Length == 0 ? "(no body)" : text[..Math.Min(200, text.Length)];
    }
}
