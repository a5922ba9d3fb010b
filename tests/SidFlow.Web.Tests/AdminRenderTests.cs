using Microsoft.Playwright;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Web.Tests;

/// <summary>The admin console's render form against the real render job.</summary>
public sealed class AdminRenderTests(AzuriteFixture azurite, ChromiumFixture chromium)
{
    [Fact]
    public async Task RenderForm_TokenThenSubmit_ProgressReachesFullAndAvailabilityListsTheFormat()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, AppOptions.FastJobs());
        string file = SampleImport.SingleSongFiles(1)[0];
        string path = RepositoryPaths.HvscPathOf(file);
        await SampleImport.ImportAsync(app, [file], ct);
        await using WebPage web = await WebPage.OpenAsync(chromium, app.BaseAddress);

        await AdminConsole.SignInAsync(web, "/admin/render");
        await FillFileAsync(web.Page, path);
        await web.Page.Locator("#submit-render").ClickAsync();

        await Assertions.Expect(web.Page.GetByTestId("job-percent")).ToHaveTextAsync("100%", new() { Timeout = 120_000 });
        await Assertions.Expect(web.Page.GetByTestId("job-status")).ToHaveTextAsync("completed");
        await Assertions.Expect(web.Page.Locator("[data-testid=availability] tr[data-format=wav]")).ToBeVisibleAsync();
        Assert.Contains("emu", await web.Page.Locator("[data-testid=availability] tr[data-format=wav]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(web.Errors);
    }

    [Fact]
    public async Task RenderForm_InvalidMode_ShowsDetailsAndSuggestionsAndAChosenSuggestionSucceeds()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, AppOptions.FastJobs());
        string file = SampleImport.SingleSongFiles(1)[0];
        string path = RepositoryPaths.HvscPathOf(file);
        await SampleImport.ImportAsync(app, [file], ct);
        await using WebPage web = await WebPage.OpenAsync(chromium, app.BaseAddress);
        web.ExpectedRefusals.Add("/api/admin/render");

        await AdminConsole.SignInAsync(web, "/admin/render");
        await FillFileAsync(web.Page, path);
        await web.Page.Locator("#mode-location").SelectOptionAsync("client");
        await web.Page.Locator("#mode-time").SelectOptionAsync("offline");
        await web.Page.Locator("#mode-technology").SelectOptionAsync("wasm");
        await web.Page.Locator("#mode-target").SelectOptionAsync(string.Empty);
        await web.Page.Locator("#submit-render").ClickAsync();

        await Assertions.Expect(web.Page.GetByTestId("render-refusal")).ToBeVisibleAsync();
        Assert.Contains("WASM", await web.Page.GetByTestId("render-details").InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
        ILocator serverSuggestion = web.Page.Locator("button.suggestion", new() { HasText = "server+offline+cli" });
        await serverSuggestion.ClickAsync();
        Assert.Equal("server", await web.Page.Locator("#mode-location").InputValueAsync());
        Assert.Equal("cli", await web.Page.Locator("#mode-technology").InputValueAsync());
        await web.Page.Locator("#submit-render").ClickAsync();

        await Assertions.Expect(web.Page.GetByTestId("job-status")).ToHaveTextAsync("completed", new() { Timeout = 120_000 });
        await Assertions.Expect(web.Page.GetByTestId("render-refusal")).ToHaveCountAsync(0);
        Assert.Empty(web.Errors);
    }

    /// <summary>A file of the catalog, rendered to WAV with the built-in emulator (no native tool needed), 5 seconds.</summary>
    private static async Task FillFileAsync(IPage page, string path)
    {
        await page.Locator("#sid-path").FillAsync(path);
        await page.Locator("#opt-engine").SelectOptionAsync("emu");
        await page.Locator("#opt-duration").FillAsync("5");
    }
}
