using SidFlow.Testing;
using Xunit;

namespace SidFlow.Web.Tests;

/// <summary>The app's pages come from the local host: the player at `/`, the console under `/admin`, the API untouched.</summary>
public sealed class PageSmokeTests(AzuriteFixture azurite, ChromiumFixture chromium)
{
    [Fact]
    public async Task Player_Opened_RendersWithoutErrorsUnderTheCsp()
    {
        await using RunningApp app = await RunningApp.StartAsync(azurite);
        await using WebPage web = await WebPage.OpenAsync(chromium, app.BaseAddress);

        await web.GoToAsync("/");

        Assert.Equal("Player", await web.Page.Locator("main h1").First.InnerTextAsync());
        Assert.Empty(web.Errors);
    }
}
