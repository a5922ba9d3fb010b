using Spectre.Console;

namespace SidFlow.Local.Cli;

/// <summary>A progress bar on an interactive console; a line every few seconds otherwise (CI logs, pipes).</summary>
public static class ProgressDisplay
{
    public static async Task<T> RunAsync<T>(string title, Func<IProgress<ProgressUpdate>, Task<T>> work)
    {
        if (AnsiConsole.Profile.Capabilities.Interactive)
        {
            return await AnsiConsole.Progress()
                .AutoClear(false)
                .HideCompleted(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async ctx =>
                {
                    ProgressTask task = ctx.AddTask(Markup.Escape(title), maxValue: 1);
                    var progress = new SynchronousProgress(u =>
                    {
                        task.MaxValue = Math.Max(1, u.Total);
                        task.Value = u.Current;
                        task.Description = Markup.Escape(u.Message is { Length: > 0 } m ? $"{title}: {Shorten(m)}" : title);
                    });
                    T result = await work(progress);
                    task.Value = task.MaxValue;
                    task.Description = Markup.Escape(title);
                    return result;
                });
        }

        DateTime last = DateTime.MinValue;
        string? lastLine = null;
        var plain = new SynchronousProgress(u =>
        {
            string line = $"{u.Current}/{u.Total} {u.Message}";
            if (line == lastLine || (DateTime.UtcNow - last < TimeSpan.FromSeconds(3) && u.Current < u.Total))
            {
                return;
            }

            last = DateTime.UtcNow;
            lastLine = line;
            double percent = u.Total > 0 ? 100.0 * u.Current / u.Total : 0;
            Console.WriteLine($"{title}: {u.Current}/{u.Total} ({percent:0.0}%) {u.Message}");
        });
        return await work(plain);
    }

    private static string Shorten(string message) => message.Length <= 60 ? message : "..." + message[^57..];

    /// <summary>Reports on the caller's thread; <see cref="Progress{T}"/> would post to a context a console does not have.</summary>
    private sealed class SynchronousProgress(Action<ProgressUpdate> report) : IProgress<ProgressUpdate>
    {
        private readonly Lock _gate = new();

        public void Report(ProgressUpdate value)
        {
            lock (_gate)
            {
                report(value);
            }
        }
    }
}

public readonly record struct ProgressUpdate(long Current, long Total, string? Message);
