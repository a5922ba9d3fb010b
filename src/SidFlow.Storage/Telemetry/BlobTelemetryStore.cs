using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using SidFlow.Core.Telemetry;

namespace SidFlow.Storage.Telemetry;

/// <summary>
/// The <c>telemetry</c> container: JSON lines in append blobs by the hour of arrival (<c>yyyy/MM/dd/HH.jsonl</c>,
/// then <c>HH-2.jsonl</c>... once one has taken its 50,000 appends), one append per request.
/// </summary>
public sealed class BlobTelemetryStore(StorageClients storage, TimeProvider time) : ITelemetryStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly BlobContainerClient _container = storage.Container(storage.Names.TelemetryContainer);

    public async Task AppendAsync(IReadOnlyList<PlaybackReport> reports, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        foreach (PlaybackReport report in reports)
        {
            text.Append(JsonSerializer.Serialize(report, Json)).Append('\n');
        }

        await AppendBlobParts.AppendAsync(_container, HourPrefix(receivedAt), Encoding.UTF8.GetBytes(text.ToString()), cancellationToken);
    }

    public async Task<PlaybackCounts> CountSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        long sessions = 0, failures = 0;
        for (DateTimeOffset hour = Truncate(since); hour <= time.GetUtcNow(); hour = hour.AddHours(1))
        {
            await foreach (BlobItem item in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, HourPrefix(hour), cancellationToken))
            {
                BlobDownloadResult content = await _container.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken);
                foreach (string line in content.Content.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    PlaybackReport? report = JsonSerializer.Deserialize<PlaybackReport>(line, Json);
                    if (report is null || report.At < since)
                    {
                        continue;
                    }

                    if (report.Kind == PlaybackReport.Failure)
                    {
                        failures++;
                    }
                    else
                    {
                        sessions++;
                    }
                }
            }
        }

        return new PlaybackCounts(sessions, failures);
    }

    private static DateTimeOffset Truncate(DateTimeOffset t)
    {
        DateTimeOffset u = t.ToUniversalTime();
        return new DateTimeOffset(u.Year, u.Month, u.Day, u.Hour, 0, 0, TimeSpan.Zero);
    }

    private static string HourPrefix(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy/MM/dd/HH", CultureInfo.InvariantCulture);
}
