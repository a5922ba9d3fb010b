using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using FFMpegCore;
using Microsoft.Extensions.DependencyInjection;
using SidFlow.Core.Collection;
using SidFlow.Core.Catalog;
using SidFlow.Core.Feedback;
using SidFlow.Core.Jobs;
using SidFlow.Core.Processes;
using SidFlow.Core.Render;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Core.Tests.Render;

public sealed class RenderJobTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(180);
    private const string Tune = "MUSICIANS/H/Hubbard_Rob/Ricochet.sid";

    [Fact]
    public async Task Render_EveryFormat_HasTheAskedLengthRateChannelsCodecAndSound()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await StartWithTunesAsync(ct);
        using var work = new TempDirectory();

        JobRecord files = await RenderAsync(app, Body(Tune, "server", "offline", "cli", "wav", 6.5, ["wav", "m4a", "flac"]), ct);
        JobRecord hls = await RenderAsync(app, Body(Tune, "client", "real-time", "hls", "streamed", 6.5, null), ct);

        Assert.True(files.Status == JobStatus.Completed, files.Metadata.Error);
        Assert.True(hls.Status == JobStatus.Completed, hls.Metadata.Error);
        IReadOnlyList<RenderAsset> assets = await app.Services.GetRequiredService<IAvailabilityStore>().ListForAsync(Tune, ct);
        foreach ((string format, string codec) in new[] { ("wav", "pcm_s16le"), ("m4a", "aac"), ("flac", "flac") })
        {
            RenderAsset asset = assets.Single(a => a.Format == format);
            string local = work.Combine("out." + format);
            await File.WriteAllBytesAsync(local, (await app.Services.GetRequiredService<IRenderAssetStore>().ReadAsync(asset.Blob, ct))!, ct);
            IMediaAnalysis probe = await FFProbe.AnalyseAsync(local, cancellationToken: ct);

            Assert.InRange(probe.Duration.TotalMilliseconds, 6_480, 6_520);
            Assert.Equal(44_100, probe.PrimaryAudioStream!.SampleRateHz);
            Assert.Equal(2, probe.PrimaryAudioStream.Channels);
            Assert.Equal(codec, probe.PrimaryAudioStream.CodecName);
            Assert.True(await RmsAsync(local, ct) > 200, $"{format} is silent");
            Assert.Equal(new FileInfo(local).Length, asset.Size);
            Assert.Equal($"{Tune}/1/sidplayfp.{format}", asset.Blob);
        }

        Assert.Equal(256_000, assets.Single(a => a.Format == "m4a").Bitrate);
        RenderAsset playlist = assets.Single(a => a.Format == "hls");
        string m3u8 = System.Text.Encoding.UTF8.GetString((await app.Services.GetRequiredService<IRenderAssetStore>().ReadAsync(playlist.Blob, ct))!);
        Assert.Contains("#EXT-X-PLAYLIST-TYPE:VOD", m3u8, StringComparison.Ordinal);
        Assert.Contains("segment000.ts", m3u8, StringComparison.Ordinal);
        Assert.NotNull(await app.Services.GetRequiredService<IRenderAssetStore>().ReadAsync(playlist.Blob.Replace("index.m3u8", "segment001.ts", StringComparison.Ordinal), ct));
        Assert.Equal("Completed", files.Metadata.Progress.Message);
    }

    [Fact]
    public async Task Render_WithEmuEngine_StoresAnAudibleWavOfExactLengthUnderTheEnginesName()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await StartWithTunesAsync(ct);
        using var work = new TempDirectory();
        JsonObject body = Body(Tune, "server", "offline", "cli", "wav", 4, ["wav"]);
        body["options"]!["engine"] = EmuRenderEngine.EngineName;

        JobRecord job = await RenderAsync(app, body, ct);

        Assert.True(job.Status == JobStatus.Completed, job.Metadata.Error);
        RenderAsset asset = (await app.Services.GetRequiredService<IAvailabilityStore>().ListForAsync(Tune, ct)).Single();
        Assert.Equal($"{Tune}/1/emu.wav", asset.Blob);
        string local = work.Combine("emu.wav");
        await File.WriteAllBytesAsync(local, (await app.Services.GetRequiredService<IRenderAssetStore>().ReadAsync(asset.Blob, ct))!, ct);
        IMediaAnalysis probe = await FFProbe.AnalyseAsync(local, cancellationToken: ct);
        Assert.InRange(probe.Duration.TotalMilliseconds, 3_980, 4_020);
        Assert.Equal((44_100, 2), (probe.PrimaryAudioStream!.SampleRateHz, probe.PrimaryAudioStream.Channels));
        Assert.True(await RmsAsync(local, ct) > 200, "the emulator's render is silent");
    }

    [Fact]
    public async Task Render_SameRequestAgain_RendersNothingNew()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await StartWithTunesAsync(ct);
        JsonObject body = Body(Tune, "server", "offline", "cli", "wav", 2, ["wav"]);

        await RenderAsync(app, body, ct);
        RenderAsset first = (await app.Services.GetRequiredService<IAvailabilityStore>().ListForAsync(Tune, ct)).Single();
        JobRecord again = await RenderAsync(app, (JsonObject)body.DeepClone(), ct);
        RenderAsset second = (await app.Services.GetRequiredService<IAvailabilityStore>().ListForAsync(Tune, ct)).Single();

        Assert.Equal(JobStatus.Completed, again.Status);
        Assert.Equal(first.RenderedAt, second.RenderedAt);
    }

    [Fact]
    public async Task Render_FolderWithTruncatedAndNonSidFiles_FailsThoseWithReasonsAndRendersTheRest()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await StartWithTunesAsync(ct);

        JobRecord job = await RenderAsync(app, Body("MUSICIANS/T/Test", "server", "offline", "cli", "wav", 1.5, ["wav"]), ct);

        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.True(job.Metadata.Error!.StartsWith("2 of 3 items failed", StringComparison.Ordinal), job.Metadata.Error);
        Assert.True(job.Metadata.Error.Contains("MUSICIANS/T/Test/Broken.sid is not a valid SID file: file is 23 bytes, shorter than", StringComparison.Ordinal), job.Metadata.Error);
        Assert.Contains("MUSICIANS/T/Test/Truncated.sid is not a valid SID file", job.Metadata.Error, StringComparison.Ordinal);
        Assert.Equal((3L, 2L), (job.Metadata.Progress.Current, job.Metadata.Progress.FailedItems ?? 0));
        // Not a SID is a permanent failure: no second attempt.
        Assert.DoesNotContain("will retry", await app.ReadLogAsync(job.Id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_Ultimate64WithoutAgent_FailsWithThatReasonAfterTheTimeout()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await StartWithTunesAsync(ct, new Dictionary<string, string?> { ["render:ultimate64:timeout"] = "1500", ["jobs:MaxDequeueCount"] = "1" });

        JobRecord job = await RenderAsync(app, Body(Tune, "ultimate64", "real-time", "hardware", "wav", 5, ["wav"]), ct);

        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.Contains("no Ultimate 64 edge agent answered within 1.5 s", job.Metadata.Error, StringComparison.Ordinal);
        long requests = (await app.Storage.Queue(app.Storage.Names.RenderU64Queue).GetPropertiesAsync(ct)).Value.ApproximateMessagesCountLong;
        Assert.Equal(1, requests);
    }

    [Fact]
    public async Task RenderApi_EveryInvalidMode_Answers400WithSuggestionsAndEveryValidOneIsAccepted()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await StartWithTunesAsync(ct, runEngine: false);
        var valid = RenderMatrix.ValidModes.Select(m => m.ToString()).ToHashSet();
        int accepted = 0, refused = 0;
        foreach (string l in new[] { "client", "server", "ultimate64" })
        foreach (string t in new[] { "real-time", "offline" })
        foreach (string tech in new[] { "wasm", "hls", "cli", "hardware" })
        foreach (string target in new[] { "live", "streamed", "wav", "m4a", "flac" })
        {
            HttpResponseMessage response = await app.Admin.PostAsJsonAsync("/api/admin/render", Body(Tune, l, t, tech, target, 2, null), ct);
            if (valid.Contains(new RenderMode(l, t, tech, target).ToString()))
            {
                Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{l}+{t}+{tech}+{target}: {response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
                accepted++;
                continue;
            }

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            using JsonDocument error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            Assert.Equal("Invalid render mode combination", error.RootElement.GetProperty("error").GetString());
            Assert.False(string.IsNullOrEmpty(error.RootElement.GetProperty("details").GetString()));
            Assert.True(error.RootElement.GetProperty("suggestions").GetArrayLength() > 0);
            refused++;
        }

        Assert.Equal((8, 112), (accepted, refused));
        HttpResponseMessage traversal = await app.Admin.PostAsJsonAsync("/api/admin/render", Body("../../etc/passwd", "server", "offline", "cli", "wav", 2, null), ct);
        HttpResponseMessage missing = await app.Admin.PostAsJsonAsync("/api/admin/render", Body("MUSICIANS/N/Nobody", "server", "offline", "cli", "wav", 2, null), ct);
        HttpResponseMessage badFormat = await app.Admin.PostAsJsonAsync("/api/admin/render", Body(Tune, "server", "offline", "cli", "wav", 2, ["mp3"]), ct);
        Assert.Equal(HttpStatusCode.BadRequest, traversal.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
    }

    [Fact]
    public async Task Availability_CheckThenInvalidateByPathAndByAge_RemovesRowsAndBlobs()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await StartWithTunesAsync(ct);
        await RenderAsync(app, Body(Tune, "server", "offline", "cli", "wav", 2, ["wav", "flac"]), ct);
        await RenderAsync(app, Body("MUSICIANS/H/Hubbard_Rob/Spellbound.sid", "server", "offline", "cli", "wav", 2, ["wav"]), ct);

        JsonObject check = (await (await app.Admin.PostAsJsonAsync("/api/availability/check", new { sidPath = Tune }, ct)).Content.ReadFromJsonAsync<JsonObject>(ct))!;
        Assert.True(check["available"]!.GetValue<bool>());
        Assert.Equal("sidplayfp", check["formats"]!["wav"]!["renderer"]!.GetValue<string>());
        Assert.Equal(2.0, check["formats"]!["flac"]!["duration"]!.GetValue<double>());
        Assert.True(check["formats"]!["wav"]!["size"]!.GetValue<long>() > 2 * 44_100 * 4);
        JsonObject metrics = (await app.Admin.GetFromJsonAsync<JsonObject>("/api/admin/metrics", ct))!["cache"]!.AsObject();
        Assert.Equal(3, metrics["assets"]!.GetValue<long>());
        Assert.Equal(2, metrics["byFormat"]!["wav"]!["count"]!.GetValue<long>());
        Assert.True(metrics["oldestAssetAgeMs"]!.GetValue<long>() >= metrics["newestAssetAgeMs"]!.GetValue<long>());

        JsonObject byPath = await InvalidateAsync(app, new JsonObject { ["sidPath"] = Tune }, ct);
        Assert.Equal(2, byPath["removed"]!.GetValue<int>());
        Assert.Empty(await app.Services.GetRequiredService<IAvailabilityStore>().ListForAsync(Tune, ct));
        Assert.Null(await app.Services.GetRequiredService<IRenderAssetStore>().ReadAsync($"{Tune}/1/sidplayfp.wav", ct));
        Assert.False((await (await app.Admin.PostAsJsonAsync("/api/availability/check", new { sidPath = Tune }, ct)).Content.ReadFromJsonAsync<JsonObject>(ct))!["available"]!.GetValue<bool>());

        Assert.Equal(0, (await InvalidateAsync(app, new JsonObject { ["olderThanDays"] = 1 }, ct))["removed"]!.GetValue<int>());
        Assert.Equal(1, (await InvalidateAsync(app, new JsonObject { ["olderThanDays"] = 0 }, ct))["removed"]!.GetValue<int>());
        foreach (object bad in new object[] { new { }, new { formats = new[] { "mp3" } }, new { formats = Array.Empty<string>() }, new { olderThanDays = -1 } })
        {
            HttpResponseMessage refused = await app.Admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/availability/invalidate") { Content = JsonContent.Create(bad) }, ct);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }
    }

    [Fact]
    public async Task Invalidate_WavFormatOnly_ClearsTheWavCacheAndKeepsTheRest()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await StartWithTunesAsync(ct);
        await RenderAsync(app, Body(Tune, "server", "offline", "cli", "wav", 2, ["wav", "flac"]), ct);
        await RenderAsync(app, Body("MUSICIANS/H/Hubbard_Rob/Spellbound.sid", "server", "offline", "cli", "wav", 2, ["wav"]), ct);

        JsonObject cleared = await InvalidateAsync(app, new JsonObject { ["formats"] = new JsonArray("wav") }, ct);

        Assert.Equal(2, cleared["removed"]!.GetValue<int>());
        Assert.True(cleared["bytes"]!.GetValue<long>() > 2 * 2 * 44_100 * 4);
        RenderAsset kept = Assert.Single(await app.Services.GetRequiredService<IAvailabilityStore>().ListAllAsync(ct).ToListAsync(ct));
        Assert.Equal("flac", kept.Format);
        Assert.NotNull(await app.Services.GetRequiredService<IRenderAssetStore>().ReadAsync(kept.Blob, ct));
        Assert.Equal(0, (await app.Admin.GetFromJsonAsync<JsonObject>("/api/admin/metrics", ct))!["cache"]!["wavCacheSizeBytes"]!.GetValue<long>());
    }

    [Fact]
    public async Task Render_TopTwo_TheMostLikedSongThenCatalogOrder()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await StartWithTunesAsync(ct);
        const string liked = "MUSICIANS/H/Hubbard_Rob/Spellbound.sid";
        int likedStart = (await app.Services.GetRequiredService<ICatalogStore>().GetAsync(liked, ct))!.StartSong;
        await app.Services.GetRequiredService<IFeedbackStore>().AppendAsync([.. Enumerable.Range(0, 2).Select(i => new FeedbackEvent
        {
            EventId = Guid.NewGuid(), Listener = $"l{i}", SidPath = liked, Subtune = likedStart, Action = FeedbackAction.Like,
            At = DateTimeOffset.UtcNow, ReceivedAt = DateTimeOffset.UtcNow,
        })], ct);
        JsonObject body = Body(string.Empty, "client", "real-time", "wasm", "live", 2, null);
        body["options"]!["top"] = 2;
        body["options"]!.AsObject().Remove("duration");

        JobRecord done = await RenderAsync(app, body, ct);

        Assert.Equal(JobStatus.Completed, done.Status);
        Assert.Equal(2, done.Metadata.Progress.Total);
        string[] rendered = [.. (await app.Services.GetRequiredService<IAvailabilityStore>().ListAllAsync(ct).ToListAsync(ct)).Select(a => SongKey.Format(a.SidPath, a.Subtune)).Order(StringComparer.Ordinal)];
        int ricochetStart = (await app.Services.GetRequiredService<ICatalogStore>().GetAsync(Tune, ct))!.StartSong;
        Assert.Equal([SongKey.Format(Tune, ricochetStart), SongKey.Format(liked, likedStart)], rendered);
        Assert.Contains("the 2 most played or liked songs", await app.ReadLogAsync(done.Id), StringComparison.Ordinal);
    }

    private static async Task<JsonObject> InvalidateAsync(RunningApp app, JsonObject body, CancellationToken ct)
    {
        HttpResponseMessage response = await app.Admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/availability/invalidate") { Content = JsonContent.Create(body) }, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!;
    }

    private static JsonObject Body(string path, string location, string time, string technology, string target, double duration, string[]? formats)
    {
        var options = new JsonObject { ["duration"] = duration, ["quality"] = "high" };
        if (formats is not null)
        {
            options["formats"] = new JsonArray(formats.Select(f => (JsonNode)f).ToArray());
        }

        return new JsonObject
        {
            ["sidPath"] = path,
            ["mode"] = new JsonObject { ["location"] = location, ["time"] = time, ["technology"] = technology, ["target"] = target },
            ["options"] = options,
        };
    }

    [Fact]
    public async Task Render_ServerWithoutSidplayfpOrFfmpeg_RefusesWhatNeedsThemAndRendersWavWithEmu()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        // A Flex Consumption instance: no Debian packages, the built-in engine preferred.
        await using RunningApp app = await StartWithTunesAsync(ct, new Dictionary<string, string?>
        {
            ["render:sidplayPath"] = "/nonexistent/sidplayfp",
            ["render:ffmpegPath"] = "/nonexistent/ffmpeg",
            ["render:preferredEngines:0"] = "emu",
        });
        JsonObject sidplayfp = Body(Tune, "server", "offline", "cli", "wav", 2, ["wav"]);
        sidplayfp["options"]!["engine"] = "sidplayfp";

        HttpResponseMessage needsSidplayfp = await app.Admin.PostAsJsonAsync("/api/admin/render", sidplayfp, ct);
        HttpResponseMessage needsFfmpeg = await app.Admin.PostAsJsonAsync("/api/admin/render", Body(Tune, "server", "offline", "cli", "wav", 2, ["wav", "m4a"]), ct);
        JobRecord wav = await RenderAsync(app, Body(Tune, "server", "offline", "cli", "wav", 2, ["wav"]), ct);
        JsonObject health = (await app.Client.GetFromJsonAsync<JsonObject>("/api/health", ct))!;

        Assert.Equal(HttpStatusCode.BadRequest, needsSidplayfp.StatusCode);
        Assert.Contains("sidplayfp ('/nonexistent/sidplayfp') is not installed on this server", await needsSidplayfp.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, needsFfmpeg.StatusCode);
        Assert.Contains("ffmpeg ('/nonexistent/ffmpeg') is not installed on this server: only wav can be rendered here", await needsFfmpeg.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(JobStatus.Completed, wav.Status);
        RenderAsset asset = Assert.Single(await app.Services.GetRequiredService<IAvailabilityStore>().ListForAsync(Tune, ct));
        Assert.Equal(("wav", "emu"), (asset.Format, asset.Renderer));
        Assert.Equal("degraded", health["overall"]!.GetValue<string>());
        Assert.Equal("degraded", health["checks"]!["ffmpeg"]!["status"]!.GetValue<string>());
    }

    private static Task<JobRecord> RenderAsync(RunningApp app, JsonObject body, CancellationToken ct) => app.RenderAsync(body, Long, ct);

    /// <summary>An app whose collection holds two real tunes and a folder with a good, a truncated and a non-SID file.</summary>
    private async Task<RunningApp> StartWithTunesAsync(CancellationToken ct, IDictionary<string, string?>? config = null, bool runEngine = true)
    {
        RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { Configuration = AppOptions.FastJobs(config), RunJobEngine = runEngine });
        byte[] ricochet = File.ReadAllBytes(RepositoryPaths.SampleFile(Tune));
        await SampleImport.ImportAsync(app, [RepositoryPaths.SampleFile(Tune), RepositoryPaths.SampleFile("MUSICIANS/H/Hubbard_Rob/Spellbound.sid")], ct,
            ("MUSICIANS/T/Test/Good.sid", ricochet), ("MUSICIANS/T/Test/Truncated.sid", ricochet[..0x7D]), ("MUSICIANS/T/Test/Broken.sid", "<html>not a tune</html>"u8.ToArray()));
        return app;
    }

    private static async Task<double> RmsAsync(string file, CancellationToken ct)
    {
        string raw = file + ".raw";
        ProcessResult decoded = await BoundedProcess.RunAsync("ffmpeg", ["-v", "error", "-y", "-i", file, "-f", "s16le", "-acodec", "pcm_s16le", raw], TimeSpan.FromSeconds(60), ct);
        Assert.True(decoded.Succeeded, decoded.StandardError);
        byte[] pcm = await File.ReadAllBytesAsync(raw, ct);
        double sum = 0;
        for (int i = 0; i + 1 < pcm.Length; i += 2)
        {
            double s = BinaryPrimitives.ReadInt16LittleEndian(pcm.AsSpan(i));
            sum += s * s;
        }

        return Math.Sqrt(sum / Math.Max(1, pcm.Length / 2));
    }
}
