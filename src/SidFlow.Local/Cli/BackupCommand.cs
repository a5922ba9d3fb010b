using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using SidFlow.Core.Backup;
using SidFlow.Core.Jobs;
using SidFlow.Pipeline.Jobs;

namespace SidFlow.Local.Cli;

/// <summary><c>./sidflow backup</c> and <c>./sidflow restore</c>: the critical data to one encrypted file and back.</summary>
public static class BackupCommand
{
    public static Command CreateBackup()
    {
        var to = new Option<string?>("--to") { Description = "A .sfbk file, or a directory for a file named by the time (default: data/backups)" };
        var unencrypted = new Option<bool>("--unencrypted") { Description = $"Write it without encryption (only when {BackupKey.Variable} cannot be set)" };
        var command = new Command("backup", $"Back up feedback, models, audit, configuration and the jobs history into one archive, encrypted with {BackupKey.Variable}") { to, unencrypted };
        command.SetAction(async (parse, ct) =>
        {
            byte[]? key = BackupKey.TryFromEnvironment(out string? refusal);
            if (refusal is not null || (key is null && !parse.GetValue(unencrypted)))
            {
                Console.Error.WriteLine(refusal ?? $"no backup key: set {BackupKey.Variable} (32 bytes, base64: openssl rand -base64 32), or pass --unencrypted");
                return 2;
            }

            await using AppSession session = await AppSession.OpenAsync(LogLevel.Warning, ct);
            await using EngineSession client = await EngineSession.StartAsync(session, ct, runEngine: false);
            BackupService backups = client.Services.GetRequiredService<BackupService>();
            string target = parse.GetValue(to) ?? Path.Combine(session.Paths.DataDirectory, "backups");
            string file = target.EndsWith(BackupService.FileExtension, StringComparison.Ordinal) ? target : Path.Combine(target, backups.NewFileName());
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
            var clock = Stopwatch.StartNew();
            string partial = file + ".partial";
            BackupManifest manifest;
            await using (FileStream output = File.Create(partial))
            {
                manifest = await backups.CreateAsync(output, key, session.Paths.ConfigFile, ct);
            }

            // Only a finished archive gets the name retention and restore look for.
            File.Move(partial, file, overwrite: false);
            await CliAudit.RecordAsync(client.Services, "backup.create", new System.Text.Json.Nodes.JsonObject
            {
                ["file"] = file, ["entries"] = manifest.Entries.Count, ["encrypted"] = key is not null,
            }, true, ct);
            int pruned = BackupRetention.PruneDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!, DateTimeOffset.UtcNow,
                client.Services.GetRequiredService<IOptions<BackupOptions>>().Value.RetentionDays);
            Console.WriteLine($"Backup {file}: {manifest.Entries.Count} entries, {manifest.Entries.Sum(e => e.Size):N0} bytes of data, {new FileInfo(file).Length:N0} bytes written in {clock.Elapsed.TotalSeconds:0.0} s{(key is null ? ", NOT encrypted" : ", AES-256-GCM")}");
            foreach (DerivedData derived in manifest.Derived)
            {
                Console.WriteLine($"  not copied: {derived.What} ({derived.Items:N0} items, {derived.Bytes:N0} bytes); rebuilt by {derived.Rebuild}");
            }

            if (pruned > 0)
            {
                Console.WriteLine($"  {pruned} backups past retention deleted");
            }

            return 0;
        });
        return command;
    }

    public static Command CreateRestore()
    {
        var from = new Argument<string>("FROM") { Description = "The .sfbk file" };
        var unencrypted = new Option<bool>("--unencrypted") { Description = "Accept an archive that is not encrypted" };
        var rebuild = new Option<bool>("--rebuild") { Description = "Then submit a classify job to rebuild classifications and similarity" };
        var command = new Command("restore", "Verify a backup completely (key, every chunk, every checksum), then write it back to storage") { from, unencrypted, rebuild };
        command.SetAction(async (parse, ct) =>
        {
            byte[]? key = BackupKey.TryFromEnvironment(out string? refusal);
            if (refusal is not null)
            {
                Console.Error.WriteLine(refusal);
                return 2;
            }

            string file = parse.GetValue(from)!;
            if (!File.Exists(file))
            {
                Console.Error.WriteLine($"{file}: no such file");
                return 2;
            }

            await using AppSession session = await AppSession.OpenAsync(LogLevel.Warning, ct);
            await using EngineSession client = await EngineSession.StartAsync(session, ct, runEngine: false);
            var clock = Stopwatch.StartNew();
            BackupManifest manifest;
            try
            {
                await using FileStream input = File.OpenRead(file);
                manifest = await client.Services.GetRequiredService<BackupService>().RestoreAsync(input, key, parse.GetValue(unencrypted), session.Paths.ConfigFile, ct);
            }
            catch (BackupRefusedException ex)
            {
                await CliAudit.RecordAsync(client.Services, "backup.restore", new System.Text.Json.Nodes.JsonObject { ["file"] = file, ["error"] = ex.Message }, false, ct);
                Console.Error.WriteLine($"restore refused, nothing was changed: {ex.Message}");
                return 1;
            }

            // The trail itself may just have been restored: this line goes after it.
            await CliAudit.RecordAsync(client.Services, "backup.restore", new System.Text.Json.Nodes.JsonObject
            {
                ["file"] = file, ["entries"] = manifest.Entries.Count, ["backupCreatedAt"] = manifest.CreatedAt,
            }, true, ct);

            Console.WriteLine($"Restored {manifest.Entries.Count} entries ({manifest.Entries.Sum(e => e.Size):N0} bytes) of the backup made {manifest.CreatedAt:u} in {clock.Elapsed.TotalSeconds:0.0} s");
            if (parse.GetValue(rebuild))
            {
                JobRecord job = await CliAudit.SubmitAsync(client.Services.GetRequiredService<JobService>(), client.Services, "classify", null, "restore", ct);
                Console.WriteLine($"Classify job {job.Id} submitted to rebuild the derived data; it runs in ./sidflow up or serve (./sidflow jobs logs {job.Id} --follow)");
            }

            return 0;
        });
        return command;
    }
}
