using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Api.Tests.Feedback;

/// <summary>The player's feedback through the real app: validated as a whole, each event id stored once, the listener only hashed.</summary>
public sealed class FeedbackApiTests(AzuriteFixture azurite)
{
    private const string Song = "MUSICIANS/H/Hubbard_Rob/Ricochet.sid";
    private const string Listener = "listener-7f3a-plain-id";

    [Fact]
    public async Task PostFeedback_SameEventIdTwice_StoresItOnceWithTheListenerHashed()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await StartAsync(ct);
        JsonObject rate = Event("rate", ratings: new JsonObject { ["e"] = 4, ["m"] = 3, ["c"] = 5 });

        HttpResponseMessage first = await app.Client.PostAsJsonAsync("/api/feedback", rate, ct);
        HttpResponseMessage again = await app.Client.PostAsJsonAsync("/api/feedback", rate, ct);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal((1, 1, 0), Receipt(await first.Content.ReadFromJsonAsync<JsonObject>(ct)));
        Assert.Equal((1, 0, 1), Receipt(await again.Content.ReadFromJsonAsync<JsonObject>(ct)));
        string[] lines = await StoredLinesAsync(app, ct);
        JsonObject stored = Assert.IsType<JsonObject>(JsonNode.Parse(Assert.Single(lines)));
        Assert.Equal(rate["eventId"]!.GetValue<string>(), stored["eventId"]!.GetValue<string>());
        Assert.Equal(4, stored["ratings"]!["e"]!.GetValue<int>());
        Assert.DoesNotContain(Listener, lines[0], StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{32}$", stored["listener"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostFeedbackBatch_ResentWithNewEvents_StoresOnlyTheNewOnes()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await StartAsync(ct);
        JsonObject[] events = [Event("play"), Event("skip", position: 4.5), Event("like"), Event("play_complete"), Event("replay"), Event("dislike")];

        HttpResponseMessage first = await app.Client.PostAsJsonAsync("/api/feedback/batch", Batch(events[..3]), ct);
        HttpResponseMessage second = await app.Client.PostAsJsonAsync("/api/feedback/batch", Batch(events), ct);

        Assert.Equal((3, 3, 0), Receipt(await first.Content.ReadFromJsonAsync<JsonObject>(ct)));
        Assert.Equal((6, 3, 3), Receipt(await second.Content.ReadFromJsonAsync<JsonObject>(ct)));
        string[] ids = (await StoredLinesAsync(app, ct)).Select(l => JsonNode.Parse(l)!["eventId"]!.GetValue<string>()).ToArray();
        Assert.Equal(events.Select(e => e["eventId"]!.GetValue<string>()).Order(), ids.Order());
    }

    public static TheoryData<string, string> BadFields => new()
    {
        { """{"eventId":"not-a-uuid"}""", "eventId" },
        { """{"eventId":"00000000-0000-0000-0000-000000000000"}""", "eventId" },
        { """{"listener":""}""", "listener" },
        { """{"listener":42}""", "listener" },
        { """{"sidPath":"../../etc/passwd"}""", "sidPath" },
        { """{"sidPath":"/MUSICIANS/H/Hubbard_Rob/Ricochet.sid"}""", "sidPath" },
        { """{"subtune":0}""", "subtune" },
        { """{"subtune":"one"}""", "subtune" },
        { """{"action":"love"}""", "action" },
        { """{"ratings":{"e":6}}""", "ratings.e" },
        { """{"ratings":{"e":2.5}}""", "ratings.e" },
        { """{"ratings":{"x":3}}""", "ratings.x" },
        { """{"ratings":{}}""", "ratings" },
        { """{"action":"like","ratings":{"e":3}}""", "ratings" },
        { """{"action":"play","ratings":null,"positionSeconds":3}""", "positionSeconds" },
        { """{"action":"skip","ratings":null,"positionSeconds":-1}""", "positionSeconds" },
        { """{"at":"yesterday"}""", "at" },
        { """{"at":"2999-01-01T00:00:00Z"}""", "at" },
        { """{"mood":"happy"}""", "mood" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task PostFeedback_BadField_Answers400NamingItAndStoresNothing(string change, string field)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await StartAsync(ct);
        JsonObject bad = Event("rate", ratings: new JsonObject { ["e"] = 4 });
        // A null in the change takes the field away.
        foreach ((string name, JsonNode? value) in JsonNode.Parse(change)!.AsObject())
        {
            if (value is null)
            {
                bad.Remove(name);
            }
            else
            {
                bad[name] = value.DeepClone();
            }
        }

        HttpResponseMessage response = await app.Client.PostAsJsonAsync("/api/feedback", bad, ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonObject problem = (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!;
        Assert.Equal(field, problem["field"]!.GetValue<string>());
        Assert.StartsWith(field + " ", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await StoredLinesAsync(app, ct));
    }

    [Fact]
    public async Task PostFeedback_UnknownSongOrSubtune_Answers404()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await StartAsync(ct);

        HttpResponseMessage unknown = await app.Client.PostAsJsonAsync("/api/feedback", Event("like", path: "MUSICIANS/N/Nobody/Nothing.sid"), ct);
        JsonObject beyond = Event("like");
        beyond["subtune"] = 99;
        HttpResponseMessage noSuchSubtune = await app.Client.PostAsJsonAsync("/api/feedback", beyond, ct);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("MUSICIANS/N/Nobody/Nothing.sid", await unknown.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, noSuchSubtune.StatusCode);
        Assert.Empty(await StoredLinesAsync(app, ct));
    }

    [Fact]
    public async Task PostFeedbackBatch_OneBadOrUnknownEvent_StoresNoneOfTheBatch()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await StartAsync(ct);
        JsonObject badSkip = Event("skip");
        badSkip["positionSeconds"] = "late";

        HttpResponseMessage bad = await app.Client.PostAsJsonAsync("/api/feedback/batch", Batch([Event("play"), Event("like"), badSkip, Event("replay")]), ct);
        HttpResponseMessage unknown = await app.Client.PostAsJsonAsync("/api/feedback/batch", Batch([Event("play"), Event("like", path: "MUSICIANS/N/Nobody/Nothing.sid")]), ct);
        HttpResponseMessage tooMany = await app.Client.PostAsJsonAsync("/api/feedback/batch", Batch(Enumerable.Range(0, 501).Select(_ => Event("play")).ToArray()), ct);
        HttpResponseMessage empty = await app.Client.PostAsJsonAsync("/api/feedback/batch", new JsonObject { ["events"] = new JsonArray() }, ct);
        HttpResponseMessage notJson = await app.Client.PostAsync("/api/feedback/batch", new StringContent("{\"events\": [", System.Text.Encoding.UTF8, "application/json"), ct);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("events[2].positionSeconds", (await bad.Content.ReadFromJsonAsync<JsonObject>(ct))!["field"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Empty(await StoredLinesAsync(app, ct));
    }

    private async Task<RunningApp> StartAsync(CancellationToken ct)
    {
        RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { RunJobEngine = false });
        await SampleImport.ImportAsync(app, [RepositoryPaths.SampleFile(Song)], ct);
        return app;
    }

    private static JsonObject Event(string action, JsonObject? ratings = null, double? position = null, string path = Song)
    {
        var e = new JsonObject
        {
            ["eventId"] = Guid.NewGuid().ToString(),
            ["listener"] = Listener,
            ["sidPath"] = path,
            ["subtune"] = 1,
            ["action"] = action,
            ["at"] = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O"),
        };
        if (ratings is not null)
        {
            e["ratings"] = ratings;
        }

        if (position is not null)
        {
            e["positionSeconds"] = position;
        }

        return e;
    }

    private static JsonObject Batch(JsonObject[] events) => new() { ["events"] = new JsonArray(events.Select(e => (JsonNode)e.DeepClone()).ToArray()) };

    private static (int, int, int) Receipt(JsonObject? receipt) =>
        (receipt!["received"]!.GetValue<int>(), receipt["stored"]!.GetValue<int>(), receipt["duplicates"]!.GetValue<int>());

    /// <summary>Every JSON line in the feedback container, as stored.</summary>
    private static async Task<string[]> StoredLinesAsync(RunningApp app, CancellationToken ct)
    {
        BlobContainerClient container = app.Storage.Container(app.Storage.Names.FeedbackContainer);
        var lines = new List<string>();
        await foreach (BlobItem blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, null, ct))
        {
            string text = (await container.GetBlobClient(blob.Name).DownloadContentAsync(ct)).Value.Content.ToString();
            lines.AddRange(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        return [.. lines];
    }
}
