using Microsoft.Playwright;
using SidFlow.Testing;

namespace SidFlow.Web.Tests;

/// <summary>Signing in to the admin console as a person does: the token typed once into the form.</summary>
public static class AdminConsole
{
    public static async Task SignInAsync(WebPage web, string path)
    {
        await web.GoToAsync(path);
        await web.Page.Locator("#admin-token").FillAsync(RunningApp.Token);
        await web.Page.Locator("#sign-in").ClickAsync();
        await Assertions.Expect(web.Page.Locator(".session")).ToBeVisibleAsync();
    }
}
