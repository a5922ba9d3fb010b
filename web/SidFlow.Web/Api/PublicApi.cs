using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SidFlow.Web.Api;

/// <summary>The public routes the player uses: catalog, the SID file, stations, telemetry.</summary>
public sealed class PublicApi(HttpClient http)
{
    public async Task<IReadOnlyList<CatalogSong>> SearchAsync(string? query, string? prefix, int limit, CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<CatalogSong[]>(
            $"api/catalog/search?q={Uri.EscapeDataString(query ?? string.Empty)}&prefix={Uri.EscapeDataString(prefix ?? string.Empty)}&limit={limit}",
            cancellationToken) ?? [];

    public async Task<CatalogSong?> GetSongAsync(string path, CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<CatalogSong>($"api/catalog?path={Uri.EscapeDataString(path)}", cancellationToken);

    /// <summary>Where <c>GET /api/assets</c> serves a render: each path segment escaped; the HLS playlist as <c>.m3u8</c>.</summary>
    public static string AssetUrl(string sidPath, int subtune, string renderer, string format) =>
        $"api/assets/{string.Join('/', sidPath.Trim().Split('/').Select(Uri.EscapeDataString))}/{subtune}/{renderer}.{(format == "hls" ? "m3u8" : format)}";

    public Task<byte[]> GetSidFileAsync(string path, CancellationToken cancellationToken) =>
        http.GetByteArrayAsync($"api/sid?path={Uri.EscapeDataString(path)}", cancellationToken);

    /// <summary>A station from the seed; null when the song is not classified yet (404) or the mood unknown.</summary>
    public async Task<StationPlaylist?> GetStationAsync(string sidPath, int subtune, string mood, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await http.GetAsync(
            $"api/station?seed={Uri.EscapeDataString($"{sidPath}#{subtune}")}&size=30&mood={Uri.EscapeDataString(mood)}", cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<StationPlaylist>(cancellationToken) : null;
    }

    /// <summary>A playback report (kind session or failure); a report that cannot be sent is dropped (it is telemetry).</summary>
    public async Task ReportAsync(JsonObject report, CancellationToken cancellationToken)
    {
        try
        {
            using HttpResponseMessage _ = await http.PostAsJsonAsync("api/telemetry", report, cancellationToken);
        }
        catch (HttpRequestException)
        {
        }
    }
}
