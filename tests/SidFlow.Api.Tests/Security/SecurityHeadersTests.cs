using System.Net;
using SidFlow.Api.Security;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Api.Tests.Security;

public sealed class SecurityHeadersTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task EveryResponse_SuccessesAndErrors_CarriesTheSecurityHeaders()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { RunJobEngine = false });
        (HttpClient Client, HttpMethod Method, string Url, HttpStatusCode Expected)[] requests =
        [
            (app.Client, HttpMethod.Get, "/api/health", HttpStatusCode.OK),
            (app.Client, HttpMethod.Get, "/openapi/v1.json", HttpStatusCode.OK),
            (app.Client, HttpMethod.Get, "/api/catalog?path=../etc/passwd", HttpStatusCode.BadRequest),
            (app.Client, HttpMethod.Get, "/api/catalog?path=MUSICIANS/N/Nobody/None.sid", HttpStatusCode.NotFound),
            (app.Client, HttpMethod.Get, "/no/such/route", HttpStatusCode.NotFound),
            (app.Client, HttpMethod.Post, "/api/feedback", HttpStatusCode.UnsupportedMediaType),
            (app.Client, HttpMethod.Get, "/api/admin/jobs", HttpStatusCode.Unauthorized),
            (app.Admin, HttpMethod.Get, "/api/admin/jobs", HttpStatusCode.OK),
            (app.Admin, HttpMethod.Get, "/api/admin/jobs/noop-20200101-000000", HttpStatusCode.NotFound),
            (app.Admin, HttpMethod.Get, "/api/model/latest", HttpStatusCode.NotFound),
        ];

        foreach ((HttpClient client, HttpMethod method, string url, HttpStatusCode expected) in requests)
        {
            using var request = new HttpRequestMessage(method, url) { Content = method == HttpMethod.Post ? new StringContent("not json") : null };
            HttpResponseMessage response = await client.SendAsync(request, ct);

            Assert.True(expected == response.StatusCode, $"{method} {url}: {response.StatusCode}");
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Header(response, "Content-Security-Policy"));
            Assert.Equal("DENY", Header(response, "X-Frame-Options"));
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
            // Plain HTTP on loopback: HSTS is only sent over HTTPS, where a browser honours it.
            Assert.False(response.Headers.Contains("Strict-Transport-Security"), url);
        }
    }

    [Fact]
    public async Task HttpsRedirect_BehindATlsProxy_PlainRedirectedAndHttpsGetsHsts()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions
        {
            RunJobEngine = false,
            Configuration = new Dictionary<string, string?> { ["security:httpsRedirect"] = "true" },
        });
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };

        using var plain = new HttpRequestMessage(HttpMethod.Get, "/api/health?scope=liveness");
        plain.Headers.Add("X-Forwarded-Proto", "http");
        HttpResponseMessage redirected = await noRedirects.SendAsync(plain, ct);
        using var secure = new HttpRequestMessage(HttpMethod.Get, "/api/health?scope=liveness");
        secure.Headers.Add("X-Forwarded-Proto", "https");
        HttpResponseMessage served = await noRedirects.SendAsync(secure, ct);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirected.StatusCode);
        Assert.Equal("https", redirected.Headers.Location?.Scheme);
        Assert.Equal("DENY", Header(redirected, "X-Frame-Options"));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(SecurityHeaders.StrictTransportSecurity, Header(served, "Strict-Transport-Security"));
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out IEnumerable<string>? values) ? string.Join(",", values) : null;
}
