using Microsoft.Playwright;
using Xunit;

namespace SidFlow.Web.Tests;

/// <summary>
/// One page of the running app in its own browser context, at a width: console errors and CSP violations are
/// collected (a test asserts there are none), screenshots go under the test output's screenshots folder.
/// </summary>
public sealed class WebPage : IAsyncDisposable
{
    public const int DesktopWidth = 1280;
    public const int PhoneWidth = 390;

    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];

    private WebPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            // A failed load is reported with its address by Response below.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                _errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => _errors.Add(error);
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && !ExpectedRefusals.Any(response.Url.Contains))
            {
                _errors.Add($"{response.Status} {response.Url}");
            }
        };
    }

    public IPage Page { get; }

    /// <summary>
    /// Answers that are not page errors: the API's 404 for "none yet" (no published model, no candidate), and those a
    /// test provokes on purpose (an invalid render mode's 400).
    /// </summary>
    public List<string> ExpectedRefusals { get; } = ["/api/model/latest", "/api/admin/model/candidate"];

    /// <summary>Console errors and uncaught exceptions so far (a CSP refusal is one).</summary>
    public IReadOnlyList<string> Errors => _errors;

    public static string ScreenshotDirectory => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task<WebPage> OpenAsync(ChromiumFixture chromium, Uri baseAddress, int width = DesktopWidth)
    {
        IBrowserContext context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = width == PhoneWidth ? 844 : 900 },
            IsMobile = width == PhoneWidth,
        });
        context.SetDefaultTimeout(30_000);
        return new WebPage(context, await context.NewPageAsync());
    }

    /// <summary>Opens a path of the app and waits until Blazor has rendered its first heading.</summary>
    public async Task GoToAsync(string path)
    {
        await Page.GotoAsync(path);
        await Page.Locator("main h1").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
    }

    public async Task<string> ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        string file = Path.Combine(ScreenshotDirectory, $"{name}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        TestContext.Current.SendDiagnosticMessage($"screenshot: {file}");
        return file;
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
