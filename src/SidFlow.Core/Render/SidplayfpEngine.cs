using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SidFlow.Core.Processes;
using SidFlow.Emulation.Sid;

namespace SidFlow.Core.Render;

/// <summary>
/// Renders with the Debian <c>sidplayfp</c> in a bounded process. The player is never trusted to stop:
/// it writes WAV to stdout, exactly the samples needed are read, then the process is killed. A wall-clock
/// limit covers the whole run; the temporary SID file is removed on every path.
/// </summary>
public sealed class SidplayfpEngine(IOptions<RenderOptions> options, ILogger<SidplayfpEngine> logger) : IRenderEngine
{
    public const string EngineName = "sidplayfp";

    public string Name => EngineName;

    public string? Unavailable => SidFlow.Core.Processes.ExecutableLocator.Find(options.Value.SidplayPath) is null
        ? $"sidplayfp ('{options.Value.SidplayPath}') is not installed on this server"
        : null;

    public async Task<RenderResult> RenderAsync(RenderRequest request, Stream pcm, CancellationToken cancellationToken)
    {
        request.Validate();
        if (Unavailable is { } reason)
        {
            throw new ToolMissingException($"{reason}: render with the emu engine, or on a server that has it");
        }

        var clock = Stopwatch.StartNew();
        string dir = Path.Combine(Path.GetTempPath(), "sidflow-render");
        Directory.CreateDirectory(dir);
        string sidPath = Path.Combine(dir, Guid.NewGuid().ToString("N") + ".sid");
        await File.WriteAllBytesAsync(sidPath, request.SidBytes, cancellationToken);
        TimeSpan timeout = options.Value.TimeoutFor(request.Duration + request.Offset);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        Process? process = null;
        var stderr = new StringBuilder();
        try
        {
            process = Process.Start(StartInfo(request, sidPath)) ?? throw new RenderException("sidplayfp did not start");
            process.StandardInput.Close();
            Task drain = DrainAsync(process.StandardError, stderr);
            Stream wav = process.StandardOutput.BaseStream;
            (int rate, int channels, int bits) format;
            try
            {
                format = await WavFormat.ReadHeaderAsync(wav, deadline.Token);
            }
            catch (EndOfStreamException ex)
            {
                // Not a single byte of audio: the player refused the file.
                await process.WaitForExitAsync(deadline.Token);
                await drain.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
                throw new UnplayableSidException($"{request.Label} song {request.Subtune}: sidplayfp cannot play it: {Tail(stderr)}", ex);
            }

            (int rate, int channels, int bits) = format;
            if (rate != request.SampleRate || channels != request.Channels || bits != 16)
            {
                throw new RenderException($"{request.Label}: sidplayfp wrote {rate} Hz, {channels} channels, {bits} bits; asked for {request.SampleRate} Hz, {request.Channels} channels, 16 bits");
            }

            int frameBytes = request.Channels * 2;
            long skipFrames = (long)Math.Round(request.Offset.TotalSeconds * request.SampleRate);
            await CopyExactlyAsync(wav, Stream.Null, skipFrames * frameBytes, request, deadline.Token);
            await CopyExactlyAsync(wav, pcm, request.Frames * frameBytes, request, deadline.Token);
            BoundedProcess.Kill(process);
            await drain.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
            return new RenderResult(request.Frames, request.SampleRate, request.Channels, Name, clock.Elapsed);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RenderException($"{request.Label} song {request.Subtune}: sidplayfp did not deliver {request.Duration.TotalSeconds:0.###} s within {timeout.TotalSeconds:0} s");
        }
        catch (Exception ex) when (ex is EndOfStreamException or InvalidDataException or IOException)
        {
            string detail = Tail(stderr);
            throw new RenderException($"{request.Label} song {request.Subtune}: sidplayfp stopped early ({ex.Message}){(detail.Length > 0 ? ": " + detail : string.Empty)}", ex);
        }
        finally
        {
            if (process is not null)
            {
                BoundedProcess.Kill(process);
                process.Dispose();
            }

            TryDelete(sidPath);
            logger.Rendered(EngineName, request.Label, request.Subtune, request.Duration.TotalSeconds, clock.Elapsed);
        }
    }

    private ProcessStartInfo StartInfo(RenderRequest request, string sidPath)
    {
        var start = new ProcessStartInfo(options.Value.SidplayPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        // The offset is read and dropped rather than skipped with -b: for some tunes -b makes sidplayfp write nothing.
        // -t is a second more than needed, since only the samples needed are read anyway.
        int playSeconds = (int)Math.Ceiling(request.Duration.TotalSeconds + request.Offset.TotalSeconds) + 1;
        var args = new List<string>
        {
            // A fixed power-on delay: by default it is random, and the same tune would render differently each time.
            "-q", "--delay=0", "-w-", $"-o{request.Subtune}", $"-t{playSeconds}", $"-f{request.SampleRate}", request.Channels == 1 ? "-m" : "-s",
        };
        SidModel model = request.Model ?? request.Sid.SidModel1;
        if (model is SidModel.Mos6581 or SidModel.Mos8580)
        {
            args.Add((model == SidModel.Mos8580 ? "-mn" : "-mo") + (request.Model is null ? string.Empty : "f"));
        }

        if (request.Clock is SidClock.Pal or SidClock.Ntsc)
        {
            args.Add(request.Clock == SidClock.Ntsc ? "-vnf" : "-vpf");
        }

        if (request.Sid.SecondSidAddress != 0)
        {
            args.Add("-ds0x" + request.Sid.SecondSidAddress.ToString("x4", CultureInfo.InvariantCulture));
        }

        if (request.Sid.ThirdSidAddress != 0)
        {
            args.Add("-ts0x" + request.Sid.ThirdSidAddress.ToString("x4", CultureInfo.InvariantCulture));
        }

        args.Add(sidPath);
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        return start;
    }

    private static async Task CopyExactlyAsync(Stream from, Stream to, long bytes, RenderRequest request, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[1 << 16];
        long left = bytes;
        while (left > 0)
        {
            int n = await from.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken);
            if (n == 0)
            {
                throw new EndOfStreamException($"the output ended {left / (request.Channels * 2.0 * request.SampleRate):0.###} s short");
            }

            await to.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
            left -= n;
        }
    }

    private static async Task DrainAsync(StreamReader reader, StringBuilder into)
    {
        char[] buffer = new char[4096];
        int n;
        while ((n = await reader.ReadAsync(buffer)) > 0)
        {
            if (into.Length < 16_384)
            {
                into.Append(buffer, 0, n);
            }
        }
    }

    private static string Tail(StringBuilder stderr)
    {
        string[] lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.Contains("please wait", StringComparison.Ordinal) && !l.StartsWith("+--", StringComparison.Ordinal) && !l.StartsWith("||", StringComparison.Ordinal))
            .ToArray();
        return string.Join(" ", lines.TakeLast(3));
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
    }
}
