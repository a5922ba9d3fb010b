using System.CommandLine;
using System.Diagnostics;
using System.Security.Cryptography;
using SidFlow.Core.Backup;
using SidFlow.Core.Feedback;

namespace SidFlow.Local.Cli;

/// <summary><c>./sidflow bench backup</c>: backup and restore of N feedback events in isolated storage: time and size.</summary>
public static class BenchBackupCommand
{
    public static Command Create()
    {
        var events = new Option<int>("--events") { Description = "Feedback events to back up", DefaultValueFactory = _ => 100_000 };
        var command = new Command("backup", "Back up N feedback events (encrypted), then restore them into emptied storage: seconds and bytes of each") { events };
        command.SetAction(async (parse, ct) =>
        {
            int n = parse.GetValue(events);
            await using AppSession session = await AppSession.OpenAsync(LogLevel.Warning, ct);
            string prefix = "bench" + Guid.NewGuid().ToString("N")[..8];
            string file = Path.Combine(Path.GetTempPath(), prefix + BackupService.FileExtension);
            try
            {
                await using EngineSession engine = await EngineSession.StartAsync(session, ct, runEngine: false, prefix: prefix);
                IServiceProvider services = engine.Services;
                Console.WriteLine($"Storing {n:N0} feedback events...");
                IFeedbackStore feedback = services.GetRequiredService<IFeedbackStore>();
                DateTimeOffset now = DateTimeOffset.UtcNow;
                for (int start = 0; start < n; start += 500)
                {
                    await feedback.AppendAsync(Enumerable.Range(start, Math.Min(500, n - start)).Select(i => Event(i, now)).ToArray(), ct);
                }

                BackupService backups = services.GetRequiredService<BackupService>();
                byte[] key = RandomNumberGenerator.GetBytes(BackupCipher.KeySize);
                var clock = Stopwatch.StartNew();
                BackupManifest manifest;
                await using (FileStream output = File.Create(file))
                {
                    manifest = await backups.CreateAsync(output, key, null, ct);
                }

                TimeSpan backupTime = clock.Elapsed;
                long data = manifest.Entries.Sum(e => e.Size);
                await BenchCommand.DeleteStorageAsync(session, prefix, ct);
                await using EngineSession empty = await EngineSession.StartAsync(session, ct, runEngine: false, prefix: prefix);
                clock.Restart();
                await using (FileStream input = File.OpenRead(file))
                {
                    await empty.Services.GetRequiredService<BackupService>().RestoreAsync(input, key, allowUnencrypted: false, null, ct);
                }

                TimeSpan restoreTime = clock.Elapsed;
                int back = await empty.Services.GetRequiredService<IFeedbackStore>().ReadAsync(null, ct).CountAsync(ct);
                Console.WriteLine($"bench backup: {n:N0} feedback events, {manifest.Entries.Count} entries, {data:N0} bytes of data");
                Console.WriteLine($"  backup (read, zip, AES-256-GCM): {backupTime.TotalSeconds:0.0} s, archive {new FileInfo(file).Length:N0} bytes ({100.0 * new FileInfo(file).Length / Math.Max(1, data):0.0}% of the data)");
                Console.WriteLine($"  restore into emptied storage (decrypt, verify every checksum, write): {restoreTime.TotalSeconds:0.0} s; {back:N0} events readable afterwards");
            }
            finally
            {
                File.Delete(file);
                await BenchCommand.DeleteStorageAsync(session, prefix, ct);
            }

            return 0;
        });
        return command;
    }

    private static FeedbackEvent Event(int i, DateTimeOffset now) => new()
    {
        EventId = Guid.NewGuid(),
        Listener = Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(i % 5000)))[..32],
        SidPath = $"MUSICIANS/B/Bench/Song{i % 2000:D4}.sid",
        Subtune = 1,
        Action = (i % 7) switch { 0 => FeedbackAction.Rate, 1 => FeedbackAction.Skip, 2 => FeedbackAction.Like, _ => FeedbackAction.Play },
        Ratings = i % 7 == 0 ? new GivenRatings(1 + (i % 5), 1 + (i / 5 % 5), null) : null,
        PositionSeconds = i % 7 == 1 ? i % 180 : null,
        At = now.AddSeconds(-i),
        ReceivedAt = now,
    };
}
