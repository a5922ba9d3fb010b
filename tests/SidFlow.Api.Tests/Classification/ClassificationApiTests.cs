using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SidFlow.Core.Classification;
using SidFlow.Core.Operations;
using SidFlow.Local.Cli;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Api.Tests.Classification;

public sealed class ClassificationApiTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ClearClassifications_FolderThenAll_RemovesThoseRowsAndIsAudited()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { RunJobEngine = false });
        IClassificationStore store = app.Services.GetRequiredService<IClassificationStore>();
        // Four songs in another folder, whose name starts like the first's: only the folder itself may go.
        ClassificationRecord[] songs = [.. SimulatedListeners.SyntheticSongs(12, 5, DateTimeOffset.UtcNow)
            .Select((s, i) => i < 4 ? s with { Path = s.Path.Replace("/Synthetic/", "/Synthetic2/", StringComparison.Ordinal) } : s)];
        await store.UpsertManyAsync(songs, ct);
        const string folder = "MUSICIANS/S/Synthetic";
        int inFolder = songs.Count(s => s.Path.StartsWith(folder + "/", StringComparison.Ordinal));
        Assert.Equal(8, inFolder);

        HttpResponseMessage some = await app.Admin.DeleteAsync($"/api/admin/classifications?sidPath={Uri.EscapeDataString(folder)}", ct);
        long left = await store.CountAsync(ct);
        HttpResponseMessage traversal = await app.Admin.DeleteAsync("/api/admin/classifications?sidPath=..%2F..%2Fetc", ct);
        HttpResponseMessage all = await app.Admin.DeleteAsync("/api/admin/classifications", ct);

        Assert.Equal(HttpStatusCode.OK, some.StatusCode);
        Assert.Equal(inFolder, (await some.Content.ReadFromJsonAsync<JsonObject>(ct))!["removed"]!.GetValue<long>());
        Assert.Equal(songs.Length - inFolder, left);
        Assert.Equal(HttpStatusCode.BadRequest, traversal.StatusCode);
        Assert.Equal(songs.Length - inFolder, (await all.Content.ReadFromJsonAsync<JsonObject>(ct))!["removed"]!.GetValue<long>());
        Assert.Equal(0, await store.CountAsync(ct));
        AuditEntry[] audit = [.. await app.Services.GetRequiredService<IAuditLog>().ReadAsync("classifications.", null, 10, ct)];
        Assert.Equal([true, false, true], audit.Select(a => a.Success));
    }
}
