using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace SidFlow.Core.Fetch;

/// <summary>
/// Streams a file to disk and, when the connection drops or stalls, asks for the rest with HTTP Range.
/// Never holds the file in memory; every attempt, every read and the whole download have a time limit.
/// </summary>
public sealed class ResumableDownloader(HttpClient http, FetchOptions options, ILogger logger)
{
    public async Task<long> DownloadAsync(Uri url, string path, IProgress<string> progress, CancellationToken cancellationToken)
    {
        using var total = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        total.CancelAfter(options.DownloadTimeout);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        long? length = null;
        for (int attempt = 1; ; attempt++)
        {
            long have = File.Exists(path) ? new FileInfo(path).Length : 0;
            if (length is not null && have == length)
            {
                return have;
            }

            try
            {
                length = await AttemptAsync(url, path, have, progress, total.Token) ?? length;
                long now = new FileInfo(path).Length;
                if (length is null || now == length)
                {
                    return now;
                }

                throw new IOException($"connection closed at {now} of {length} bytes");
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                if (total.IsCancellationRequested)
                {
                    throw new FetchException($"downloading {url} took longer than {options.DownloadTimeout}", ex);
                }

                if (attempt >= options.MaxDownloadAttempts)
                {
                    throw new FetchException($"downloading {url} failed after {attempt} attempts: {ex.Message}", ex);
                }

                long resumeAt = File.Exists(path) ? new FileInfo(path).Length : 0;
                logger.DownloadInterrupted(ex, url, resumeAt);
                progress.Report($"Resuming {url.Segments[^1]} at {resumeAt / 1024} KB (attempt {attempt + 1})");
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(10_000, 250 * Math.Pow(2, attempt - 1))), total.Token);
            }
        }
    }

    /// <summary>One request; returns the full length when the server told it.</summary>
    private async Task<long?> AttemptAsync(Uri url, string path, long have, IProgress<string> progress, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (have > 0)
        {
            request.Headers.Range = new RangeHeaderValue(have, null);
        }

        using var headers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        headers.CancelAfter(options.IdleTimeout);
        using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, headers.Token);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && have > 0)
        {
            // Nothing is left to send: the file is complete.
            return response.Content.Headers.ContentRange?.Length ?? have;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized
                ? new FetchException($"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}")
                : new HttpRequestException($"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        bool partial = response.StatusCode == HttpStatusCode.PartialContent;
        long? length = partial ? response.Content.Headers.ContentRange?.Length : response.Content.Headers.ContentLength;
        long offset = partial ? response.Content.Headers.ContentRange?.From ?? have : 0;
        await using Stream body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var file = new FileStream(path, offset == 0 ? FileMode.Create : FileMode.Open, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        file.Position = offset;
        file.SetLength(offset);
        byte[] buffer = new byte[1 << 16];
        long written = offset;
        DateTime lastReport = DateTime.MinValue;
        while (true)
        {
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            idle.CancelAfter(options.IdleTimeout);
            int n = await body.ReadAsync(buffer, idle.Token);
            if (n == 0)
            {
                break;
            }

            await file.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
            written += n;
            if (DateTime.UtcNow - lastReport > TimeSpan.FromSeconds(1))
            {
                lastReport = DateTime.UtcNow;
                progress.Report(length is > 0
                    ? $"Downloading {url.Segments[^1]} {100.0 * written / length.Value:0}% ({written / 1024} KB)"
                    : $"Downloading {url.Segments[^1]} ({written / 1024} KB)");
            }
        }

        return length;
    }
}
