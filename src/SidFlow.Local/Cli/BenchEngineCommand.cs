using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SidFlow.Core.Classification;
using SidFlow.Emulation;
using SidFlow.Core.Render;
using SidFlow.Emulation.Sid;

namespace SidFlow.Local.Cli;

/// <summary>
/// <c>./sidflow bench engine</c>: renders the same window of N single-SID PSID songs with sidplayfp and with
/// SidFlow's emulator, and prints the speed of each (x-realtime per core, and trace-only), the agreement
/// between them (<see cref="RenderAgreement"/>: median and 10th percentile) and the songs that agree least.
/// </summary>
public static class BenchEngineCommand
{
    private const int SampleRate = 22_050;

    public static Command Create()
    {
        var count = new Option<int>("--count") { Description = "Single-SID PSID songs of the sample to compare", DefaultValueFactory = _ => 200 };
        var seconds = new Option<int>("--seconds") { Description = "Seconds rendered per song, from the start", DefaultValueFactory = _ => 15 };
        var sample = BenchSample.TreeOption("The C64Music tree to take songs from");
        var worst = new Option<int>("--worst") { Description = "How many of the least agreeing songs to list", DefaultValueFactory = _ => 12 };
        var command = new Command("engine", "Render N songs with sidplayfp and with the built-in emulator; print x-realtime per core, trace-only speed and how closely they agree") { count, seconds, sample, worst };
        command.SetAction(async (parse, ct) =>
        {
            string tree = Path.GetFullPath(parse.GetValue(sample)!);
            int length = parse.GetValue(seconds);
            Song[] songs = Choose(tree, parse.GetValue(count));
            Console.WriteLine($"bench engine: {songs.Length} single-SID PSID songs x {length} s, mono {SampleRate} Hz, {Environment.ProcessorCount} cores");
            var options = Options.Create(new RenderOptions());
            var sidplayfp = new SidplayfpEngine(options, NullLogger<SidplayfpEngine>.Instance);
            var emu = new EmuRenderEngine(options, NullLogger<EmuRenderEngine>.Instance);
            var results = new ConcurrentBag<Outcome>();
            int done = 0;
            await Parallel.ForEachAsync(songs, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct }, async (song, token) =>
            {
                results.Add(await CompareAsync(song, length, sidplayfp, emu, token));
                int n = Interlocked.Increment(ref done);
                if (n % 20 == 0)
                {
                    Console.Error.WriteLine($"  {n}/{songs.Length}");
                }
            });
            Report(results.ToList(), length, parse.GetValue(worst));
            return 0;
        });
        return command;
    }

    private static Song[] Choose(string tree, int count)
    {
        var candidates = new List<Song>();
        foreach (string file in Directory.EnumerateFiles(tree, "*.sid", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            byte[] bytes = File.ReadAllBytes(file);
            if (SidFile.TryParse(bytes, out SidFile? sid, out _) && sid!.Format == SidFormat.Psid && sid.SidChipCount == 1 && !sid.MusPlayer)
            {
                candidates.Add(new Song(Path.GetRelativePath(tree, file), bytes, sid));
            }
        }

        return BenchSample.EvenlySpaced(candidates, count);
    }

    private static async Task<Outcome> CompareAsync(Song song, int seconds, IRenderEngine reference, IRenderEngine emu, CancellationToken ct)
    {
        var request = new RenderRequest(song.Path, song.Bytes, song.Sid, song.Sid.StartSong, TimeSpan.FromSeconds(seconds))
        {
            SampleRate = SampleRate,
            Channels = 1,
            CaptureTrace = true,
        };
        (float[]? expected, TimeSpan referenceTime, string? referenceError, _) = await RenderAsync(reference, request, ct);
        (float[]? actual, TimeSpan emuTime, string? emuError, RenderResult? emuResult) = await RenderAsync(emu, request, ct);
        TimeSpan traceTime = TimeSpan.Zero;
        double traceSeconds = 0;
        if (emuError is null)
        {
            // Trace-only speed over a longer stretch, where timing noise matters less.
            var clock = Stopwatch.StartNew();
            var emulator = new SidEmulator(song.Sid, new EmulatorOptions { Subtune = song.Sid.StartSong });
            emulator.Skip(TimeSpan.FromSeconds(4 * seconds));
            traceTime = clock.Elapsed;
            traceSeconds = 4 * seconds;
        }

        Agreement? agreement = expected is not null && actual is not null ? RenderAgreement.Compare(expected, actual, SampleRate) : null;
        IReadOnlyDictionary<string, double>? traits = emuResult?.Trace is { } trace ? SidTraceFeatures.Of(trace, 1, TimeSpan.FromSeconds(seconds)) : null;
        return new Outcome(song, agreement, referenceTime, emuTime, traceTime, traceSeconds, referenceError, emuError, traits);
    }

    private static async Task<(float[]?, TimeSpan, string?, RenderResult?)> RenderAsync(IRenderEngine engine, RenderRequest request, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var pcm = new MemoryStream();
        try
        {
            RenderResult result = await engine.RenderAsync(request, pcm, ct);
            TimeSpan elapsed = clock.Elapsed;
            return (Pcm16.ToFloats(pcm.GetBuffer().AsSpan(0, (int)pcm.Length)), elapsed, null, result);
        }
        catch (Exception ex) when (ex is RenderException or UnplayableSidException)
        {
            return (null, clock.Elapsed, ex.Message, null);
        }
    }

    private static void Report(List<Outcome> outcomes, int seconds, int worstCount)
    {
        double XRealtime(IEnumerable<Outcome> set, Func<Outcome, TimeSpan> time, Func<Outcome, double> audio)
        {
            Outcome[] list = set.ToArray();
            double spent = list.Sum(o => time(o).TotalSeconds);
            return spent <= 0 ? double.NaN : list.Sum(audio) / spent;
        }

        Outcome[] rendered = outcomes.Where(o => o.ReferenceError is null).ToArray();
        Outcome[] emulated = outcomes.Where(o => o.EmuError is null).ToArray();
        Console.WriteLine($"  sidplayfp:  {XRealtime(rendered, o => o.ReferenceTime, _ => seconds):0.0}x realtime per core ({outcomes.Count - rendered.Length} failed)");
        Console.WriteLine($"  emu synthesis: {XRealtime(emulated, o => o.EmuTime, _ => seconds):0.0}x realtime per core ({outcomes.Count - emulated.Length} failed); slowest song {emulated.Select(o => o.EmuTime.TotalMilliseconds).DefaultIfEmpty(0).Max():0} ms for {seconds} s");
        Console.WriteLine($"  emu trace-only: {XRealtime(emulated, o => o.TraceTime, o => o.TraceSeconds):0}x realtime per core");
        Outcome[] compared = outcomes.Where(o => o.Agreement is not null).ToArray();
        Console.WriteLine($"  agreement over {compared.Length} songs (median / 10th percentile):");
        PrintFigure("envelope correlation", compared.Select(o => o.Agreement!.EnvelopeCorrelation));
        PrintFigure("chroma correlation", compared.Select(o => o.Agreement!.ChromaCorrelation));
        PrintFigure("loudest-partial pitch within 1/2 semitone", compared.Select(o => o.Agreement!.PitchAgreement));
        Console.WriteLine($"  least agreeing songs (envelope, chroma, pitch):");
        foreach (Outcome o in compared.OrderBy(o => double.IsNaN(o.Agreement!.EnvelopeCorrelation) ? -2 : o.Agreement.EnvelopeCorrelation).Take(worstCount))
        {
            Agreement a = o.Agreement!;
            Console.WriteLine($"    {a.EnvelopeCorrelation,5:0.00} {a.ChromaCorrelation,5:0.00} {a.PitchAgreement,5:0.00}  {o.Song.Path}  [{Reason(o)}]");
        }

        foreach (Outcome o in outcomes.Where(o => o.ReferenceError is not null || o.EmuError is not null))
        {
            Console.WriteLine($"    failed: {o.Song.Path}: {o.EmuError ?? o.ReferenceError}");
        }
    }

    private static void PrintFigure(string name, IEnumerable<double> values)
    {
        double[] sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0)
        {
            Console.WriteLine($"    {name}: no data");
            return;
        }

        Console.WriteLine($"    {name}: {sorted[sorted.Length / 2]:0.000} / {sorted[(int)(0.1 * (sorted.Length - 1))]:0.000} (n = {sorted.Length})");
    }

    /// <summary>What the register trace says about a song that agrees poorly: the parts the emulator approximates.</summary>
    private static string Reason(Outcome o)
    {
        if (o.Traits is not { } t)
        {
            return "no trace";
        }

        var reasons = new List<string>();
        if (o.Song.Sid.PlayAddress == 0)
        {
            reasons.Add("play address 0: the tune sets up its own interrupt");
        }

        if (o.Agreement is { ChromaCorrelation: > 0.9, PitchAgreement: > 0.9 })
        {
            reasons.Add("same notes; loudness detail differs (ADSR timing, hard restarts)");
        }

        if (t["samplePlayback"] > 0)
        {
            reasons.Add("$D418 samples");
        }

        if (t["filterUsage"] > 0.3)
        {
            string model = o.Song.Sid.SidModel1 == SidModel.Mos8580 ? "8580" : "6581";
            reasons.Add($"{model} filter on {t["filterUsage"]:P0} of frames, resonance {t["filterResonance"] * 15:0}");
        }

        if (t["waveCombined"] > 0.05)
        {
            reasons.Add($"combined waveforms {t["waveCombined"]:P0}");
        }

        if (t["waveNoise"] > 0.3)
        {
            reasons.Add($"noise {t["waveNoise"]:P0}");
        }

        if (t["polyphony"] < 0.5)
        {
            reasons.Add("mostly silent or gate-less");
        }

        return reasons.Count == 0 ? "no approximated feature stands out" : string.Join("; ", reasons);
    }

    private sealed record Song(string Path, byte[] Bytes, SidFile Sid);

    private sealed record Outcome(Song Song, Agreement? Agreement, TimeSpan ReferenceTime, TimeSpan EmuTime, TimeSpan TraceTime, double TraceSeconds,
        string? ReferenceError, string? EmuError, IReadOnlyDictionary<string, double>? Traits);
}
