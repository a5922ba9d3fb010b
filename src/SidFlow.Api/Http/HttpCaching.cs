namespace SidFlow.Api.Http;

/// <summary>Cache validators for public reads: the ETag and lifetime on the response, and whether the client's copy is current.</summary>
public static class HttpCaching
{
    /// <summary>Sets <c>ETag</c> and <c>Cache-Control</c>; true when <c>If-None-Match</c> holds <paramref name="etag"/> (answer 304).</summary>
    public static bool NotModified(HttpContext http, string etag, string cacheControl)
    {
        http.Response.Headers.CacheControl = cacheControl;
        http.Response.Headers.ETag = etag;
        return http.Request.Headers.IfNoneMatch.Contains(etag);
    }
}
