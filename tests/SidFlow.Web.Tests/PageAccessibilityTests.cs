using Microsoft.Playwright;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Web.Tests;

/// <summary>
/// Every page at desktop and phone width: axe-core (from npm, served by the app) finds no serious or critical
/// violation, nothing is wider than the screen, and a screenshot of each goes under the test output (screenshots/).
/// </summary>
public sealed class PageAccessibilityTests(AzuriteFixture azurite, ChromiumFixture chromium)
{
    private static readonly string[] AdminPages = ["/admin", "/admin/jobs", "/admin/render", "/admin/models", "/admin/audit"];

    [Theory]
    [InlineData(WebPage.DesktopWidth, "desktop")]
    [InlineData(WebPage.PhoneWidth, "phone")]
    public async Task EveryPage_AtWidth_HasNoSeriousAxeViolationsFitsTheScreenAndIsScreenshotted(int width, string device)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite);
        string file = SampleImport.SingleSongFiles(1)[0];
        await SampleImport.ImportAsync(app, [file], ct);
        await using WebPage web = await WebPage.OpenAsync(chromium, app.BaseAddress, width);
        var problems = new List<string>();

        await web.GoToAsync("/");
        await web.Page.Locator($"button.song[data-path='{RepositoryPaths.HvscPathOf(file)}']").ClickAsync();
        await web.Page.Locator("#now-heading").WaitForAsync();
        await CheckAsync(web, "player", device, problems);
        await AdminConsole.SignInAsync(web, AdminPages[0]);
        foreach (string path in AdminPages)
        {
            await web.GoToAsync(path);
            await web.Page.Locator(".session").WaitForAsync();
            await CheckAsync(web, path.TrimStart('/').Replace('/', '-'), device, problems);
        }

        Assert.Empty(problems);
        Assert.Empty(web.Errors);
    }

    [Fact]
    public async Task Player_FirstLoad_PageWeightIsMeasured()
    {
        await using RunningApp app = await RunningApp.StartAsync(azurite);
        await using WebPage web = await WebPage.OpenAsync(chromium, app.BaseAddress);

        await web.GoToAsync("/");
        double[] weight = await web.Page.EvaluateAsync<double[]>(
            "() => { const all = [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')];"
            + " return [all.reduce((s, e) => s + e.encodedBodySize, 0), all.reduce((s, e) => s + e.decodedBodySize, 0), all.length]; }");

        MeasuredFigures.Record("player page weight, transferred bodies (first load)", weight[0] / 1024 / 1024, "MiB");
        MeasuredFigures.Record("player page weight, decoded", weight[1] / 1024 / 1024, "MiB");
        MeasuredFigures.Record("player page requests", weight[2], string.Empty);
        Assert.True(weight[0] > 0);
        Assert.Empty(web.Errors);
    }

    private static async Task CheckAsync(WebPage web, string name, string device, List<string> problems)
    {
        IPage page = web.Page;
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Url = "/lib/axe.min.js" });
        string[] serious = await page.EvaluateAsync<string[]>(
            "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations"
            + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
            + ".map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`)");
        problems.AddRange(serious.Select(v => $"{name} at {device}: {v}"));
        bool fits = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1");
        if (!fits)
        {
            problems.Add($"{name} at {device}: wider than the screen");
        }

        await web.ScreenshotAsync($"{name}-{device}");
    }
}
