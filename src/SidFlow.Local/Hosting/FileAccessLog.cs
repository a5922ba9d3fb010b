using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using SidFlow.Api.Http;

namespace SidFlow.Local.Hosting;

/// <summary>
/// The local access log: JSON lines in <c>data/logs/access-yyyyMMdd.jsonl</c>, a new file each UTC day, files older
/// than <see cref="KeptDays"/> deleted. Requests never wait for the disk: entries go through a bounded queue that
/// drops the newest when the writer falls behind (counted, and said in the log file).
/// </summary>
public sealed class FileAccessLog(string directory, TimeProvider time) : BackgroundService, IAccessLog
{
    public const int KeptDays = 14;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Channel<AccessLogEntry> _queue = Channel.CreateBounded<AccessLogEntry>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private long _dropped;

    public void Write(AccessLogEntry entry)
    {
        if (!_queue.Writer.TryWrite(entry))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    public static string FileFor(string directory, DateTimeOffset day) => Path.Combine(directory, $"access-{day.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.jsonl");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Directory.CreateDirectory(directory);
        Prune();
        var lines = new StringBuilder();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await DrainAsync(lines);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: what is queued still goes to the file.
            await DrainAsync(lines);
        }
    }

    private async Task DrainAsync(StringBuilder lines)
    {
        string? file = null;
        while (_queue.Reader.TryRead(out AccessLogEntry? entry))
        {
            string target = FileFor(directory, entry.Timestamp);
            if (file is not null && target != file)
            {
                await AppendAsync(file, lines);
                Prune();
            }

            file = target;
            lines.Append(JsonSerializer.Serialize(entry, Json)).Append('\n');
        }

        if (Interlocked.Exchange(ref _dropped, 0) is > 0 and var dropped && file is not null)
        {
            lines.Append(JsonSerializer.Serialize(new { timestamp = time.GetUtcNow(), dropped }, Json)).Append('\n');
        }

        if (file is not null)
        {
            await AppendAsync(file, lines);
        }
    }

    private static async Task AppendAsync(string file, StringBuilder lines)
    {
        await File.AppendAllTextAsync(file, lines.ToString(), CancellationToken.None);
        lines.Clear();
    }

    private void Prune()
    {
        DateTimeOffset cutoff = time.GetUtcNow().AddDays(-KeptDays);
        foreach (string file in Directory.EnumerateFiles(directory, "access-*.jsonl"))
        {
            string stamp = Path.GetFileNameWithoutExtension(file)["access-".Length..];
            if (DateTimeOffset.TryParseExact(stamp, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset day) && day < cutoff)
            {
                File.Delete(file);
            }
        }
    }
}
