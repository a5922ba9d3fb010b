using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SidFlow.Web.Admin;

/// <summary>What an admin call answered: the status, and the JSON body (a problem's error, details and suggestions included).</summary>
public sealed record AdminAnswer(int Status, JsonNode? Body)
{
    public bool Ok => Status is >= 200 and < 300;

    /// <summary>The problem's own words: detail, else error, else the status.</summary>
    public string Message => Body?["detail"]?.ToString() ?? Body?["error"]?.ToString() ?? Body?["title"]?.ToString() ?? $"HTTP {Status}";
}

/// <summary>The admin routes, with the session's bearer token.</summary>
public sealed class AdminApi(HttpClient http, AdminSession session)
{
    public Task<AdminAnswer> GetAsync(string path, CancellationToken cancellationToken = default) => SendAsync(HttpMethod.Get, path, null, cancellationToken);

    public Task<AdminAnswer> PostAsync(string path, JsonNode? body, CancellationToken cancellationToken = default) => SendAsync(HttpMethod.Post, path, body, cancellationToken);

    public Task<AdminAnswer> PatchAsync(string path, JsonNode body, CancellationToken cancellationToken = default) => SendAsync(HttpMethod.Patch, path, body, cancellationToken);

    public Task<AdminAnswer> DeleteAsync(string path, JsonNode? body = null, CancellationToken cancellationToken = default) => SendAsync(HttpMethod.Delete, path, body, cancellationToken);

    /// <summary>The raw text of a route (Prometheus metrics).</summary>
    public async Task<string> GetTextAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!session.SignedIn)
        {
            return string.Empty;
        }

        using HttpRequestMessage request = Request(HttpMethod.Get, path);
        using HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    private async Task<AdminAnswer> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        if (!session.SignedIn)
        {
            // Not sent: a request without a token would only count as a failed admin authentication.
            return new AdminAnswer(401, new JsonObject { ["error"] = "sign in with the admin token first" });
        }

        using HttpRequestMessage request = Request(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        try
        {
            using HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
            string text = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonNode? json = null;
            if (text.Length > 0)
            {
                try
                {
                    json = JsonNode.Parse(text);
                }
                catch (System.Text.Json.JsonException)
                {
                    json = JsonValue.Create(text);
                }
            }

            return new AdminAnswer((int)response.StatusCode, json);
        }
        catch (HttpRequestException ex)
        {
            return new AdminAnswer(0, new JsonObject { ["error"] = $"the server did not answer: {ex.Message}" });
        }
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.Token);
        return request;
    }
}
