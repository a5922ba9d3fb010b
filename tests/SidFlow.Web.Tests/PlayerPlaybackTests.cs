using System.Text.Json.Nodes;
using System.Net.Http.Json;
using Microsoft.Playwright;
using SidFlow.Emulation;
using SidFlow.Emulation.Sid;
using SidFlow.Core.Jobs;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Web.Tests;

/// <summary>The player plays with the emulator compiled to WebAssembly, through an AudioWorklet, in Chromium.</summary>
public sealed class PlayerPlaybackTests(AzuriteFixture azurite, ChromiumFixture chromium)
{
    private const int SampleRate = 48_000;
    private const int ComparedSeconds = 3;

    [Fact]
    public async Task Play_SingleSidSong_WorkletSoundsWithinASecondAndMatchesTheServerEmulator()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite);
        string file = SampleImport.SingleSongFiles(1)[0];
        string path = RepositoryPaths.HvscPathOf(file);
        await SampleImport.ImportAsync(app, [file], ct);
        await using WebPage web = await WebPage.OpenAsync(chromium, app.BaseAddress);
        await web.GoToAsync("/");

        await web.Page.Locator($"button.song[data-path='{path}']").ClickAsync();
        await web.Page.Locator("#play").ClickAsync();
        double firstSoundMs = await WaitForAsync(web.Page, "window.sidflowAudio.firstSoundMs()", v => v >= 0, "the first sound");
        double level = await WaitForAsync(web.Page, "window.sidflowAudio.level()", v => v > 0.001, "the analyser reading audio");
        await WaitForAsync(web.Page, "window.sidflowAudio.playedFrames()", v => v >= ComparedSeconds * SampleRate, $"{ComparedSeconds} s played");
        float[] heard = (await web.Page.EvaluateAsync<float[]>("window.sidflowAudio.takeCapture()"))!;
        double realTime = await web.Page.EvaluateAsync<double>("window.sidflowAudio.realTimeFactor()");

        short[] server = RenderWithTheServerEmulator(file, heard.Length / 2);
        double left = Correlation(heard, server, channel: 0);
        double right = Correlation(heard, server, channel: 1);
        MeasuredFigures.Record("time to first sound (press to first non-zero worklet sample)", firstSoundMs, "ms");
        MeasuredFigures.Record("in-browser real-time factor (48 kHz stereo, single SID)", realTime, "x");
        MeasuredFigures.Record("correlation with the server emu render (left)", left, string.Empty);
        Assert.True(firstSoundMs < 1000, $"the first sound came {firstSoundMs:0} ms after play");
        Assert.True(level > 0.001);
        Assert.Equal(ComparedSeconds * SampleRate * 2, heard.Length);
        Assert.True(left > 0.99 && right > 0.99, $"correlation left {left:0.0000}, right {right:0.0000}");
        Assert.Empty(web.Errors);
    }

    [Fact]
    public async Task Controls_PauseResumeVolumeAndSeek_ActOnTheAudio()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite);
        string file = SampleImport.SingleSongFiles(1)[0];
        string path = RepositoryPaths.HvscPathOf(file);
        await SampleImport.ImportAsync(app, [file], ct);
        await using WebPage web = await WebPage.OpenAsync(chromium, app.BaseAddress);
        await web.GoToAsync("/");
        await web.Page.Locator($"button.song[data-path='{path}']").ClickAsync();
        await web.Page.Locator("#play").ClickAsync();
        await WaitForAsync(web.Page, "window.sidflowAudio.level()", v => v > 0.001, "the analyser reading audio");

        await web.Page.Locator("#play").ClickAsync();
        await Assertions.Expect(web.Page.Locator("#play")).ToHaveTextAsync("Play");
        string paused = await web.Page.EvaluateAsync<string>("window.sidflowAudio.contextState()");
        await web.Page.Locator("#play").ClickAsync();
        await Assertions.Expect(web.Page.Locator("#play")).ToHaveTextAsync("Pause");
        string resumed = await web.Page.EvaluateAsync<string>("window.sidflowAudio.contextState()");
        await web.Page.Locator("#volume").FillAsync("0");
        double silent = await WaitForAsync(web.Page, "window.sidflowAudio.level()", v => v == 0, "silence at volume 0");
        await web.Page.Locator("#volume").FillAsync("100");
        await web.Page.Locator("#seek").FillAsync("30");
        await Assertions.Expect(web.Page.GetByTestId("position")).ToContainTextAsync("0:3", new() { Timeout = 30_000 });
        double afterSeek = await WaitForAsync(web.Page, "window.sidflowAudio.level()", v => v > 0.001, "audio after the seek");

        Assert.Equal(("suspended", "running"), (paused, resumed));
        Assert.Equal(0, silent);
        Assert.True(afterSeek > 0.001);
        Assert.Empty(web.Errors);
    }

    [Fact]
    public async Task Play_StreamedFallback_PlaysTheServersHlsRenderThroughHlsJs()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, AppOptions.FastJobs());
        string file = SampleImport.SingleSongFiles(1)[0];
        string path = RepositoryPaths.HvscPathOf(file);
        await SampleImport.ImportAsync(app, [file], ct);
        var render = new JsonObject
        {
            ["sidPath"] = path,
            ["mode"] = new JsonObject { ["location"] = "client", ["time"] = "real-time", ["technology"] = "hls", ["target"] = "streamed" },
            ["options"] = new JsonObject { ["duration"] = 20, ["engine"] = "emu" },
        };
        Assert.Equal(JobStatus.Completed, (await app.RenderAsync(render, TimeSpan.FromSeconds(120), ct)).Status);
        await using WebPage web = await WebPage.OpenAsync(chromium, app.BaseAddress);
        // The player probes the renderers in order; only emu has rendered this song.
        web.ExpectedRefusals.Add("/1/sidplayfp.m3u8");
        web.ExpectedRefusals.Add("/1/sidplayfp.m4a");
        await web.GoToAsync("/?engine=hls");

        await web.Page.Locator($"button.song[data-path='{path}']").ClickAsync();
        await web.Page.Locator("#play").ClickAsync();
        double played = await WaitForAsync(web.Page, "window.sidflowAudio.streamSeconds()", v => v > 1, "the HLS stream playing");

        Assert.Contains("emu.m3u8", await web.Page.GetByTestId("engine").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(played > 1);
        Assert.Empty(web.Errors);
    }

    private static short[] RenderWithTheServerEmulator(string file, int frames)
    {
        var emulator = new SidEmulator(SidFile.Parse(File.ReadAllBytes(file)), new EmulatorOptions { SampleRate = SampleRate, Channels = 2 });
        var pcm = new short[frames * 2];
        emulator.Render(pcm);
        return pcm;
    }

    private static double Correlation(float[] heard, short[] server, int channel)
    {
        int n = Math.Min(heard.Length, server.Length) / 2;
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (int i = 0; i < n; i++)
        {
            double x = heard[(i * 2) + channel];
            double y = server[(i * 2) + channel] / 32768.0;
            sx += x;
            sy += y;
            sxx += x * x;
            syy += y * y;
            sxy += x * y;
        }

        double cov = sxy - (sx * sy / n);
        double vx = sxx - (sx * sx / n);
        double vy = syy - (sy * sy / n);
        return cov / Math.Sqrt(vx * vy);
    }

    private static async Task<double> WaitForAsync(IPage page, string expression, Func<double, bool> condition, string what)
    {
        double last = double.NaN;
        await Eventually.HoldsAsync(async () => last = await page.EvaluateAsync<double>(expression), condition, TimeSpan.FromSeconds(30), what);
        return last;
    }
}
