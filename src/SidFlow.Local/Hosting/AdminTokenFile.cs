using System.Security.Cryptography;

namespace SidFlow.Local.Hosting;

/// <summary>
/// The local admin token: <c>SIDFLOW_ADMIN_TOKEN</c> when set, else the file <c>up</c> creates under
/// <c>data/</c> on first start (random, owner-only, printed once).
/// </summary>
public static class AdminTokenFile
{
    public static string? Read(string tokenFile, string? fromEnvironment)
    {
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment.Trim();
        }

        return File.Exists(tokenFile) ? File.ReadAllText(tokenFile).Trim() : null;
    }

    /// <summary>Creates a random token in a file only its owner can read; returns null when one exists already.</summary>
    public static string? CreateIfMissing(string tokenFile, string? fromEnvironment)
    {
        if (Read(tokenFile, fromEnvironment) is not null)
        {
            return null;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(tokenFile)!);
        string token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        using (var stream = new FileStream(tokenFile, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(token);
        }

        return token;
    }
}
