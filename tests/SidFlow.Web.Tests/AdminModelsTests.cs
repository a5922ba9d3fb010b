using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SidFlow.Core.Classification;
using SidFlow.Core.Feedback;
using SidFlow.Core.Models;
using SidFlow.Local.Cli;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Web.Tests;

/// <summary>The models page approves and publishes a candidate trained by the real trainer, and the published manifest changes.</summary>
public sealed class AdminModelsTests(AzuriteFixture azurite, ChromiumFixture chromium)
{
    [Fact]
    public async Task ModelsPage_ApproveThenPublishTheCandidate_TheManifestVersionChanges()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, AppOptions.FastJobs());
        string first = await TrainAsync(app, ct);
        await PublishThroughTheApiAsync(app, first, ct);
        string second = await TrainAsync(app, ct);
        await using WebPage web = await WebPage.OpenAsync(chromium, app.BaseAddress);

        await AdminConsole.SignInAsync(web, "/admin/models");
        await Assertions.Expect(web.Page.GetByTestId("manifest-version")).ToHaveTextAsync(first);
        await Assertions.Expect(web.Page.Locator("#candidate-heading")).ToContainTextAsync(second);
        await Assertions.Expect(web.Page.Locator("[data-testid=gates] li").First).ToBeVisibleAsync();
        // A retrained model on the same feedback is no better than the production one (the baseline gate): approved with notes, forced.
        await web.Page.Locator("#approve-notes").FillAsync("listening test in the browser");
        await web.Page.Locator("#approve-force").CheckAsync();
        await web.Page.Locator("#approve").ClickAsync();
        await Assertions.Expect(web.Page.GetByTestId("model-notice")).ToHaveTextAsync($"approved {second}");
        await web.Page.Locator("#publish").ClickAsync();
        await Assertions.Expect(web.Page.GetByTestId("model-notice")).ToContainTextAsync($"published {second}");

        await Assertions.Expect(web.Page.GetByTestId("manifest-version")).ToHaveTextAsync(second);
        JsonObject manifest = (await app.Client.GetFromJsonAsync<JsonObject>("/api/model/latest", ct))!;
        Assert.Equal(second, manifest["activeVersion"]!.GetValue<string>());
        Assert.NotEqual(first, second);
        Assert.Empty(web.Errors);
    }

    /// <summary>Synthetic classified songs and a simulated listener population (once), then a candidate trained on their feedback.</summary>
    private static async Task<string> TrainAsync(RunningApp app, CancellationToken ct)
    {
        IModelStore store = app.Services.GetRequiredService<IModelStore>();
        IReadOnlyList<ModelMetadata> kept = await store.ListAsync(ct);
        if (kept.Count == 0)
        {
            DateTimeOffset now = DateTimeOffset.UtcNow;
            IReadOnlyList<ClassificationRecord> songs = SimulatedListeners.SyntheticSongs(60, 7, now);
            await app.Services.GetRequiredService<IClassificationStore>().UpsertManyAsync([.. songs], ct);
            await app.Services.GetRequiredService<IFeatureStatsStore>().WriteAsync(FeatureStats.Compute(songs.Select(s => s.Features).ToArray(), now), ct);
            FeedbackEvent[] events = new SimulatedListeners(songs, 7, 0.3).Listen(24, 40, 0.8, now.AddHours(-1), "sim7")
                .Select(s => s.ToEvent(s.Listener, now)).ToArray();
            await app.Services.GetRequiredService<IFeedbackStore>().AppendAsync(events, ct);
        }

        string version = ModelVersion.Next(kept, FeatureSet.Version).ToString();
        return (await app.Services.GetRequiredService<ModelTrainer>().TrainAsync(version, "test", ModelHyperparameters.Default, _ => { }, ct)).ModelVersion;
    }

    private static async Task PublishThroughTheApiAsync(RunningApp app, string version, CancellationToken ct)
    {
        (await app.Admin.PostAsJsonAsync("/api/admin/model/approve", new { modelVersion = version, notes = "first", force = true }, ct)).EnsureSuccessStatusCode();
        (await app.Admin.PostAsJsonAsync("/api/admin/model/publish", new { modelVersion = version }, ct)).EnsureSuccessStatusCode();
    }
}
