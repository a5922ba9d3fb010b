using System.Globalization;

namespace SidFlow.Core.Backup;

/// <summary>Which backups are past retention, by the time in their names (<c>sidflow-backup-yyyyMMdd-HHmmss.sfbk</c>); other names are never touched.</summary>
public static class BackupRetention
{
    public static bool IsExpired(string fileName, DateTimeOffset now, int retentionDays)
    {
        string name = Path.GetFileName(fileName);
        if (!name.StartsWith(BackupService.FilePrefix, StringComparison.Ordinal) || !name.EndsWith(BackupService.FileExtension, StringComparison.Ordinal))
        {
            return false;
        }

        string stamp = name[BackupService.FilePrefix.Length..^BackupService.FileExtension.Length];
        return DateTimeOffset.TryParseExact(stamp, "yyyyMMdd-HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset made)
               && now - made > TimeSpan.FromDays(retentionDays);
    }

    /// <summary>Deletes the expired backups in a directory; returns how many.</summary>
    public static int PruneDirectory(string directory, DateTimeOffset now, int retentionDays)
    {
        int removed = 0;
        foreach (string file in Directory.EnumerateFiles(directory, BackupService.FilePrefix + "*" + BackupService.FileExtension))
        {
            if (IsExpired(file, now, retentionDays))
            {
                File.Delete(file);
                removed++;
            }
        }

        return removed;
    }
}
