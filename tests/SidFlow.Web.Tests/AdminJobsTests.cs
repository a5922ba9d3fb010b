using System.Text.Json.Nodes;
using Microsoft.Playwright;
using SidFlow.Core.Jobs;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Web.Tests;

/// <summary>The jobs page controls real jobs on the engine.</summary>
public sealed class AdminJobsTests(AzuriteFixture azurite, ChromiumFixture chromium)
{
    [Fact]
    public async Task JobsPage_PauseThenResume_TheJobIsPausedThenRunsAgain()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, AppOptions.FastJobs());
        // Items that take a minute each: the job is still running when the page controls it.
        JobRecord job = await app.Jobs.SubmitAsync(NoopJobType.TypeName, new JsonObject { ["items"] = 4, ["delayMs"] = 60_000 }, JobPriority.Normal, "test", ct);
        await app.WaitForJobAsync(job.Id, j => j.Status == JobStatus.Running, TimeSpan.FromSeconds(60));
        await using WebPage web = await WebPage.OpenAsync(chromium, app.BaseAddress);

        await AdminConsole.SignInAsync(web, "/admin/jobs");
        await web.Page.Locator($"tr[data-job='{job.Id}'] button").ClickAsync();
        await web.Page.Locator("#job-pause").ClickAsync();
        await Assertions.Expect(web.Page.GetByTestId("job-notice")).ToHaveTextAsync("pause: the job is paused");
        JobRecord paused = await app.WaitForJobAsync(job.Id, j => j.Status == JobStatus.Paused, TimeSpan.FromSeconds(30));
        await Assertions.Expect(web.Page.Locator($"tr[data-job='{job.Id}'] td.status-paused")).ToBeVisibleAsync();
        await web.Page.Locator("#job-resume").ClickAsync();
        await Assertions.Expect(web.Page.GetByTestId("job-notice")).ToContainTextAsync("resume: the job is ");
        JobRecord resumed = await app.WaitForJobAsync(job.Id, j => j.Status == JobStatus.Running, TimeSpan.FromSeconds(60));

        Assert.Equal(JobStatus.Paused, paused.Status);
        Assert.Equal(JobStatus.Running, resumed.Status);
        Assert.Empty(web.Errors);
        await app.Jobs.CancelAsync(job.Id, ct);
    }
}
