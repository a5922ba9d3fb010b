using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SidFlow.Core.Catalog;
using SidFlow.Core.Collection;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Api.Tests.Catalog;

public sealed class CatalogEndpointsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task GetCatalog_KnownPath_ReturnsTheRow()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite);
        var entry = CatalogEntry.FromSid("MUSICIANS/T/Tester/Tune.sid",
            SidFlow.Emulation.Sid.SidFile.Parse(new PsidBuilder { Name = "Tune", Songs = 2 }.Build()), HvscDocuments.Empty.SongLengths, HvscDocuments.Empty.Stil);
        await app.Services.GetRequiredService<ICatalogStore>().UpsertAsync([entry], ct);

        CatalogEntry? row = await app.Client.GetFromJsonAsync<CatalogEntry>("/api/catalog?path=MUSICIANS/T/Tester/Tune.sid", ct);

        Assert.NotNull(row);
        Assert.Equal(entry, row with { SongLengthsMs = entry.SongLengthsMs, StilSubtuneTitles = entry.StilSubtuneTitles });
        Assert.Equal(2, row.Songs);
    }

    [Theory]
    [InlineData("/api/catalog?path=MUSICIANS/None/Missing.sid", HttpStatusCode.NotFound)]
    [InlineData("/api/catalog?path=../secrets", HttpStatusCode.BadRequest)]
    [InlineData("/api/catalog?path=MUSICIANS/../../x.sid", HttpStatusCode.BadRequest)]
    [InlineData("/api/catalog?path=/etc/passwd", HttpStatusCode.BadRequest)]
    [InlineData("/api/catalog?path=C:/x.sid", HttpStatusCode.BadRequest)]
    [InlineData("/api/catalog", HttpStatusCode.BadRequest)]
    public async Task GetCatalog_BadOrUnknownPath_AnswersProblem(string url, HttpStatusCode expected)
    {
        await using RunningApp app = await RunningApp.StartAsync(azurite);

        HttpResponseMessage response = await app.Client.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
