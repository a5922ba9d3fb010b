using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Net;
using SidFlow.Local.Hosting;

namespace SidFlow.Local.Cli;

/// <summary><c>./sidflow bench http</c>: requests/s and latency the app serves on loopback, with the rate limiter at its default and lifted.</summary>
public static class BenchHttpCommand
{
    public static Command Create()
    {
        var requests = new Option<int>("--requests") { Description = "Requests per run", DefaultValueFactory = _ => 5000 };
        var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight", DefaultValueFactory = _ => 32 };
        var command = new Command("http", "Serve N requests on loopback (a public catalog read that answers 404, and the liveness probe) with the limiter at its default and lifted: requests/s, p50/p95/p99 latency, statuses") { requests, concurrency };
        command.SetAction(async (parse, ct) =>
        {
            int n = parse.GetValue(requests), c = parse.GetValue(concurrency);
            await using AppSession session = await AppSession.OpenAsync(LogLevel.Warning, ct);
            string prefix = "bench" + Guid.NewGuid().ToString("N")[..8];
            Console.WriteLine($"bench http: {n} requests per run, {c} in flight, {Environment.ProcessorCount} cores, loopback");
            foreach ((string label, string? perMinute) in new[] { ("limiter at its default (1200/min per client)", (string?)null), ("limiter lifted", "0") })
            {
                var overrides = new Dictionary<string, string?>();
                if (perMinute is not null)
                {
                    overrides["security:publicRequestsPerMinute"] = perMinute;
                }

                IConfiguration config = new ConfigurationBuilder().AddConfiguration(session.Configuration).AddInMemoryCollection(overrides).Build();
                await using WebApplication app = LocalWebApp.Build(new WebAppSettings(config, session.StorageFor(prefix), session.AdminToken, "http://127.0.0.1:0")
                {
                    RunJobEngine = false,
                    ConsoleLogLevel = LogLevel.Warning,
                });
                await app.StartAsync(ct);
                using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
                await client.GetAsync("/api/health?scope=liveness", ct);
                (double perSecond, long[] latencies, IReadOnlyDictionary<HttpStatusCode, int> statuses) = await RunAsync(client, n, c, ct);
                await app.StopAsync(ct);
                Console.WriteLine($"  {label}: {perSecond:0} requests/s; p50 {Ms(latencies, 0.50)} ms, p95 {Ms(latencies, 0.95)} ms, p99 {Ms(latencies, 0.99)} ms; "
                    + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{(int)s.Key}: {s.Value}")));
            }

            await BenchCommand.DeleteStorageAsync(session, prefix, ct);
            return 0;
        });
        return command;
    }

    private static async Task<(double PerSecond, long[] LatenciesUs, IReadOnlyDictionary<HttpStatusCode, int> Statuses)> RunAsync(HttpClient client, int n, int concurrency, CancellationToken ct)
    {
        string[] routes = ["/api/catalog?path=MUSICIANS/N/Nobody/None.sid", "/api/health?scope=liveness"];
        var latencies = new long[n];
        var statuses = new ConcurrentDictionary<HttpStatusCode, int>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct }, async (i, token) =>
        {
            long start = Stopwatch.GetTimestamp();
            using HttpResponseMessage response = await client.GetAsync(routes[i % routes.Length], token);
            latencies[i] = (long)Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            statuses.AddOrUpdate(response.StatusCode, 1, (_, v) => v + 1);
        });
        clock.Stop();
        Array.Sort(latencies);
        return (n / clock.Elapsed.TotalSeconds, latencies, statuses);
    }

    private static string Ms(long[] sortedMicroseconds, double p) => (BenchCommand.Percentile(sortedMicroseconds, p) / 1000.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
}
