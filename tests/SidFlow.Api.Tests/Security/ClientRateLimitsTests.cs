using System.Net;
using System.Net.Http.Headers;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Api.Tests.Security;

public sealed class ClientRateLimitsTests(AzuriteFixture azurite)
{
    private const string Known = "/api/catalog?path=MUSICIANS/N/Nobody/None.sid";

    [Fact]
    public async Task PublicRoutes_OverTheLimit_429WithRetryAfterWhileProbesAndAdminGoOn()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions
        {
            RunJobEngine = false,
            Configuration = new Dictionary<string, string?> { ["security:publicRequestsPerMinute"] = "20" },
        });

        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 20; i++)
        {
            statuses.Add((await app.Client.GetAsync(Known, ct)).StatusCode);
        }

        HttpResponseMessage limited = await app.Client.GetAsync(Known, ct);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.NotFound, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.InRange(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await app.Client.PostAsync("/api/feedback", new StringContent("{}"), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/api/health", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Admin.GetAsync("/api/admin/jobs", ct)).StatusCode);
    }

    [Fact]
    public async Task AdminAuth_TooManyFailures_429ThenEvenTheRightTokenWaits()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions
        {
            RunJobEngine = false,
            Configuration = new Dictionary<string, string?> { ["security:failedAdminAuthPerMinute"] = "5" },
        });
        using var wrong = new HttpClient { BaseAddress = app.BaseAddress };
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "guess");

        Assert.Equal(HttpStatusCode.OK, (await app.Admin.GetAsync("/api/admin/jobs", ct)).StatusCode);
        var failures = new List<HttpStatusCode>();
        for (int i = 0; i < 5; i++)
        {
            failures.Add((await wrong.GetAsync("/api/admin/jobs", ct)).StatusCode);
        }

        HttpResponseMessage sixth = await wrong.GetAsync("/api/admin/jobs", ct);
        HttpResponseMessage right = await app.Admin.GetAsync("/api/admin/jobs", ct);

        Assert.All(failures, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
        Assert.True(sixth.Headers.RetryAfter?.Delta is { } after && after > TimeSpan.Zero && after <= TimeSpan.FromMinutes(1), $"Retry-After {sixth.Headers.RetryAfter}");
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/api/health", ct)).StatusCode);
    }

    [Fact]
    public async Task BoundedLoad_TwoThousandRequests_NoServerErrorAndStillHealthy()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { RunJobEngine = false });
        string[] routes = ["/api/health", Known, "/api/model/latest", "/api/catalog?path=..%2Fx"];
        var counts = new System.Collections.Concurrent.ConcurrentDictionary<HttpStatusCode, int>();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await Parallel.ForEachAsync(Enumerable.Range(0, 2000), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (i, token) =>
        {
            HttpResponseMessage response = await app.Client.GetAsync(routes[i % routes.Length], token);
            counts.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
        });

        Assert.Equal(2000, counts.Values.Sum());
        Assert.DoesNotContain(counts.Keys, s => (int)s >= 500);
        // 500 health probes are never limited; of the 1,500 others the default 1,200 a minute pass, the rest wait
        // (exactly 300 when the run fits in one window; a slower machine may start a second one).
        TimeSpan took = clock.Elapsed;
        int limited = counts.GetValueOrDefault(HttpStatusCode.TooManyRequests);
        Assert.Equal(500, counts.GetValueOrDefault(HttpStatusCode.OK));
        Assert.Equal(1500 - limited, counts.GetValueOrDefault(HttpStatusCode.NotFound) + counts.GetValueOrDefault(HttpStatusCode.BadRequest));
        Assert.True(took >= TimeSpan.FromSeconds(55) ? limited <= 300 : limited == 300, $"{limited} limited in {took}");
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/api/health", ct)).StatusCode);
    }
}
