namespace SidFlow.Core.Backup;

/// <summary>The <c>backup</c> section.</summary>
public sealed class BackupOptions
{
    public const string Section = "backup";

    /// <summary>Backups older than this are deleted after a new one is made (in the directory or container it went to).</summary>
    public int RetentionDays { get; set; } = 30;
}
