using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SidFlow.Core.Jobs;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Api.Tests.Render;

/// <summary>GET /api/assets serves what the render job made: Range, ETag, a long cache lifetime, the HLS playlist and segments.</summary>
public sealed class AssetsApiTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task GetAsset_RenderedWavAndHls_ServedWithRangeETagAndCacheLifetime()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, AppOptions.FastJobs());
        string file = SampleImport.SingleSongFiles(1)[0];
        string path = RepositoryPaths.HvscPathOf(file);
        await SampleImport.ImportAsync(app, [file], ct);
        await RenderAsync(app, path, new JsonObject { ["location"] = "server", ["time"] = "offline", ["technology"] = "cli", ["target"] = "wav" }, ct);
        await RenderAsync(app, path, new JsonObject { ["location"] = "client", ["time"] = "real-time", ["technology"] = "hls", ["target"] = "streamed" }, ct);
        string wav = $"/api/assets/{path}/1/emu.wav";

        HttpResponseMessage whole = await app.Client.GetAsync(wav, ct);
        byte[] bytes = await whole.Content.ReadAsByteArrayAsync(ct);
        using var rangeRequest = new HttpRequestMessage(HttpMethod.Get, wav);
        rangeRequest.Headers.Range = new RangeHeaderValue(44, 143);
        HttpResponseMessage partial = await app.Client.SendAsync(rangeRequest, ct);
        using var conditional = new HttpRequestMessage(HttpMethod.Get, wav);
        conditional.Headers.IfNoneMatch.Add(whole.Headers.ETag!);
        HttpResponseMessage notModified = await app.Client.SendAsync(conditional, ct);
        HttpResponseMessage playlist = await app.Client.GetAsync($"/api/assets/{path}/1/emu.m3u8", ct);
        string m3u8 = await playlist.Content.ReadAsStringAsync(ct);
        string segment = m3u8.Split('\n').First(l => l.EndsWith(".ts", StringComparison.Ordinal));
        HttpResponseMessage segmentResponse = await app.Client.GetAsync($"/api/assets/{path}/1/{segment}", ct);

        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal("audio/wav", whole.Content.Headers.ContentType!.MediaType);
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal("public, max-age=604800", whole.Headers.CacheControl!.ToString());
        Assert.Equal("bytes", whole.Headers.AcceptRanges.Single());
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(bytes[44..144], await partial.Content.ReadAsByteArrayAsync(ct));
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(HttpStatusCode.OK, playlist.StatusCode);
        Assert.Equal("application/vnd.apple.mpegurl", playlist.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("emu-hls/segment", segment, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, segmentResponse.StatusCode);
        Assert.Equal("video/mp2t", segmentResponse.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("/api/assets/MUSICIANS/N/Nobody/None.sid/1/emu.wav", HttpStatusCode.NotFound)]
    [InlineData("/api/assets/MUSICIANS/..%2F..%2Fetc/passwd.sid/1/emu.wav", HttpStatusCode.BadRequest)]
    [InlineData("/api/assets/MUSICIANS/N/Nobody/None.sid/0/emu.wav", HttpStatusCode.BadRequest)]
    [InlineData("/api/assets/MUSICIANS/N/Nobody/None.sid/1/emu.exe", HttpStatusCode.BadRequest)]
    public async Task GetAsset_UnknownOrOutsideTheCollection_Answers404Or400(string url, HttpStatusCode expected)
    {
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { RunJobEngine = false });

        HttpResponseMessage response = await app.Client.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
    }

    /// <summary>Renders 8 seconds with the built-in emulator in the mode (server WAV files, or the client HLS stream).</summary>
    private static async Task RenderAsync(RunningApp app, string path, JsonObject mode, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["sidPath"] = path,
            ["mode"] = mode,
            ["options"] = new JsonObject { ["duration"] = 8, ["engine"] = "emu" },
        };
        JobRecord done = await app.RenderAsync(body, TimeSpan.FromSeconds(120), ct);
        Assert.Equal(JobStatus.Completed, done.Status);
    }
}
