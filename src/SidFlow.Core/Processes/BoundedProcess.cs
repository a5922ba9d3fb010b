using System.Diagnostics;
using System.Text;

namespace SidFlow.Core.Processes;

/// <summary>
/// Runs an external program with a wall-clock timeout and a cap on captured output: it never blocks
/// forever and never fills memory. On timeout or cancellation the whole process tree is killed.
/// </summary>
public static class BoundedProcess
{
    public const int DefaultOutputCap = 1 << 20;

    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        CancellationToken cancellationToken,
        string? workingDirectory = null,
        int outputCap = DefaultOutputCap)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        foreach (string a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.Start();
        process.StandardInput.Close();
        Task<string> stdout = ReadCappedAsync(process.StandardOutput, outputCap);
        Task<string> stderr = ReadCappedAsync(process.StandardError, outputCap);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        bool timedOut = false;
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            timedOut = true;
        }

        string output = await stdout, error = await stderr;
        return new ProcessResult(timedOut ? -1 : process.ExitCode, output, error, timedOut, clock.Elapsed);
    }

    public static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
    }

    private static async Task<string> ReadCappedAsync(StreamReader reader, int cap)
    {
        var sb = new StringBuilder();
        char[] buffer = new char[8192];
        int n;
        while ((n = await reader.ReadAsync(buffer)) > 0)
        {
            // Keep draining after the cap so the child never blocks on a full pipe.
            if (sb.Length < cap)
            {
                sb.Append(buffer, 0, Math.Min(n, cap - sb.Length));
            }
        }

        return sb.ToString();
    }
}
