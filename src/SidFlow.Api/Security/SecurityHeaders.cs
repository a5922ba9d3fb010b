namespace SidFlow.Api.Security;

/// <summary>
/// The headers every response carries, error responses included: they are added when the response starts, so
/// an exception handler that clears the response cannot drop them.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Only this origin's scripts, styles, images, media and API; no framing, plugins or foreign forms. The web app
    /// needs two things more: 'wasm-unsafe-eval', to compile the .NET runtime's WebAssembly (and the code its
    /// jiterpreter generates), with no inline script and no eval; and base-uri 'self' for Blazor's base href. Its
    /// AudioWorklet module is a script of this origin; hls.js runs without its worker and plays through
    /// MediaSource (media-src blob:).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; media-src 'self' blob:; connect-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string StrictTransportSecurity = "max-age=31536000; includeSubDomains";

    public static void AddOnStarting(HttpContext http) => http.Response.OnStarting(static state =>
    {
        var context = (HttpContext)state;
        IHeaderDictionary headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = StrictTransportSecurity;
        }

        return Task.CompletedTask;
    }, http);
}
