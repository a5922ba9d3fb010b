using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using SidFlow.Core.Feedback;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Web.Tests;

/// <summary>The player's feedback reaches feedback storage: batched, retried while offline, each event once.</summary>
public sealed class PlayerFeedbackTests(AzuriteFixture azurite, ChromiumFixture chromium)
{
    [Fact]
    public async Task LikeRateSkip_FromThePlayerWithAnOfflineSpell_ArriveOnceEachWithTheSongAndListenerHash()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite);
        string[] files = SampleImport.SingleSongFiles(2);
        string first = RepositoryPaths.HvscPathOf(files[0]);
        string second = RepositoryPaths.HvscPathOf(files[1]);
        await SampleImport.ImportAsync(app, files, ct);
        await using WebPage web = await WebPage.OpenAsync(chromium, app.BaseAddress);
        await web.GoToAsync("/");

        await web.Page.Locator($"button.song[data-path='{first}']").ClickAsync();
        await web.Page.Locator("#play").ClickAsync();
        await Eventually.HoldsAsync(async () => await web.Page.EvaluateAsync<double>("window.sidflowAudio.firstSoundMs()"), v => v >= 0, TimeSpan.FromSeconds(30), "the first sound");
        await web.Page.Context.SetOfflineAsync(true);
        await web.Page.Keyboard.PressAsync("l");
        await web.Page.Locator("#rate-e").SelectOptionAsync("4");
        await web.Page.Locator("#rate-c").SelectOptionAsync("2");
        await web.Page.Locator("#rate").ClickAsync();
        await Eventually.HoldsAsync(async () => await web.Page.Locator("[data-testid=feedback]").InnerTextAsync(), 
            t => t.Contains(" waiting, ", StringComparison.Ordinal) && !t.EndsWith(", 0 failed attempts", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "a batch failing to arrive while offline");
        await web.Page.Context.SetOfflineAsync(false);
        await web.Page.Locator("body").FocusAsync();
        await web.Page.Keyboard.PressAsync("n");
        await Eventually.HoldsAsync(async () => await web.Page.Locator("[data-testid=feedback]").InnerTextAsync(), t => t.StartsWith("5 sent, 0 waiting", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60), "the player sending its five events");
        await web.Page.ReloadAsync();
        await web.Page.Locator("main h1").First.WaitForAsync();

        string listener = (await web.Page.EvaluateAsync<string>("localStorage.getItem('sidflow.listener')"))!;
        string hash = await app.Services.GetRequiredService<ListenerHasher>().HashAsync(listener, ct);
        JsonObject[] stored = await StoredEventsAsync(app, ct);
        Assert.Equal(["like", "play", "play", "rate", "skip"], stored.Select(e => e["action"]!.GetValue<string>()).Order().ToArray());
        Assert.Equal(stored.Length, stored.Select(e => e["eventId"]!.GetValue<string>()).Distinct().Count());
        Assert.All(stored, e => Assert.Equal(hash, e["listener"]!.GetValue<string>()));
        Assert.DoesNotContain(stored, e => e.ToJsonString().Contains(listener, StringComparison.Ordinal));
        JsonObject like = Assert.Single(stored, e => e["action"]!.GetValue<string>() == "like");
        JsonObject rate = Assert.Single(stored, e => e["action"]!.GetValue<string>() == "rate");
        JsonObject skip = Assert.Single(stored, e => e["action"]!.GetValue<string>() == "skip");
        Assert.All(new[] { like, rate, skip }, e => Assert.Equal(first, e["sidPath"]!.GetValue<string>()));
        Assert.Equal(4, rate["ratings"]!["e"]!.GetValue<int>());
        Assert.Equal(2, rate["ratings"]!["c"]!.GetValue<int>());
        Assert.True(skip["positionSeconds"]!.GetValue<double>() > 0);
        Assert.Contains(stored, e => e["action"]!.GetValue<string>() == "play" && e["sidPath"]!.GetValue<string>() == second);
    }

    private static async Task<JsonObject[]> StoredEventsAsync(RunningApp app, CancellationToken ct)
    {
        BlobContainerClient container = app.Storage.Container(app.Storage.Names.FeedbackContainer);
        var events = new List<JsonObject>();
        await foreach (BlobItem blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, null, ct))
        {
            string text = (await container.GetBlobClient(blob.Name).DownloadContentAsync(ct)).Value.Content.ToString();
            events.AddRange(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (JsonObject)JsonNode.Parse(l)!));
        }

        return [.. events];
    }
}
