using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace SidFlow.Core.Fetch;

/// <summary>An HTTP(S) directory listing of HVSC archives (the public mirrors publish exactly that).</summary>
public sealed partial class HttpMirrorSource(Uri mirror, HttpClient http, FetchOptions options, ILogger logger) : IHvscSource
{
    public string Description => mirror.ToString();

    public async Task<IReadOnlyList<HvscPackage>> ListAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ListingTimeout);
        string html;
        try
        {
            html = await http.GetStringAsync(mirror, timeout.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new FetchException($"the mirror {mirror} cannot be listed: {ex.Message}", ex);
        }

        var packages = new Dictionary<string, HvscPackage>(StringComparer.OrdinalIgnoreCase);
        foreach (Match m in Href().Matches(html))
        {
            if (!Uri.TryCreate(mirror, System.Net.WebUtility.HtmlDecode(m.Groups[1].Value), out Uri? url))
            {
                continue;
            }

            string name = Uri.UnescapeDataString(url.Segments[^1]);
            if (HvscPackage.FromFileName(name, url.ToString()) is { } package)
            {
                packages[name] = package;
            }
        }

        return packages.Values.OrderBy(p => p.Kind).ThenBy(p => p.Version).ToArray();
    }

    public async Task<LocalPackage> FetchAsync(HvscPackage package, string workDirectory, IProgress<string> progress, CancellationToken cancellationToken)
    {
        string path = Path.Combine(workDirectory, package.Name);
        long bytes = await new ResumableDownloader(http, options, logger).DownloadAsync(new Uri(package.Location), path, progress, cancellationToken);
        return new LocalPackage(package, path, await Sha256File.ComputeAsync(path, cancellationToken), bytes);
    }

    [GeneratedRegex("href\\s*=\\s*[\"']([^\"'#?]+)[\"']", RegexOptions.IgnoreCase)]
    private static partial Regex Href();
}
