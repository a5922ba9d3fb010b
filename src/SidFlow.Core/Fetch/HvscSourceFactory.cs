using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SidFlow.Core.Fetch;

public sealed class HvscSourceFactory(HttpClient http, IOptions<FetchOptions> options, ILogger<HttpMirrorSource> logger) : IHvscSourceFactory
{
    public IHvscSource? Create(string? source)
    {
        string chosen = source ?? options.Value.Mirror;
        if (Uri.TryCreate(chosen, UriKind.Absolute, out Uri? url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
        {
            return new HttpMirrorSource(chosen.EndsWith('/') ? url : new Uri(chosen + "/"), http, options.Value, logger);
        }

        return File.Exists(chosen) || Directory.Exists(chosen) ? new LocalHvscSource(chosen) : null;
    }
}
