using System.Text;
using SidFlow.Core.Jobs;

namespace SidFlow.Api.Jobs;

/// <summary>
/// A job's log as Server-Sent Events: the last lines (or, with <c>full</c>, every line from the first),
/// then new lines as they are written, until the job has ended and its log is drained or the client leaves.
/// A job's last line is written before its row says it ended, so the stream ends after it.
/// </summary>
public sealed class JobLogEvents(IJobLog log, IJobStore jobs, string jobId, bool full) : IResult
{
    private const int TailLines = 100;
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public async Task ExecuteAsync(HttpContext http)
    {
        CancellationToken cancellationToken = http.RequestAborted;
        JobRecord job = await jobs.GetAsync(jobId, cancellationToken) ?? throw new JobNotFoundException(jobId);

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";

        JobLogChunk first = await log.ReadAsync(jobId, 0, cancellationToken);
        IEnumerable<string> lines = Lines(first.Text);
        await WriteLinesAsync(http, full ? lines : lines.TakeLast(TailLines), cancellationToken);
        long offset = first.Length;
        DateTime lastWrite = DateTime.UtcNow;
        while (!cancellationToken.IsCancellationRequested)
        {
            bool ended = job.Status.IsTerminal();
            JobLogChunk next = await log.ReadAsync(jobId, offset, cancellationToken);
            if (next.Text.Length > 0)
            {
                await WriteLinesAsync(http, Lines(next.Text), cancellationToken);
                offset = next.Length;
                lastWrite = DateTime.UtcNow;
            }
            else if (ended)
            {
                await http.Response.WriteAsync($"event: end\ndata: {{\"status\":\"{job.Status.ToWire()}\"}}\n\n", cancellationToken);
                await http.Response.Body.FlushAsync(cancellationToken);
                return;
            }
            else if (DateTime.UtcNow - lastWrite > KeepAlive)
            {
                await http.Response.WriteAsync(": keep-alive\n\n", cancellationToken);
                await http.Response.Body.FlushAsync(cancellationToken);
                lastWrite = DateTime.UtcNow;
            }

            try
            {
                await Task.Delay(Poll, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            job = await jobs.GetAsync(jobId, cancellationToken) ?? job;
        }
    }

    private static IEnumerable<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static async Task WriteLinesAsync(HttpContext http, IEnumerable<string> lines, CancellationToken cancellationToken)
    {
        var sb = new StringBuilder();
        foreach (string line in lines)
        {
            sb.Append("data: ").Append(line).Append("\n\n");
        }

        if (sb.Length > 0)
        {
            await http.Response.WriteAsync(sb.ToString(), cancellationToken);
        }

        await http.Response.Body.FlushAsync(cancellationToken);
    }
}
