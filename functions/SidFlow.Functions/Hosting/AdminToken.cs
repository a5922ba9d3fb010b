using System.Security.Cryptography;
using System.Text;

namespace SidFlow.Functions.Hosting;

/// <summary>
/// The admin bearer token: <c>SIDFLOW_ADMIN_TOKEN</c>, else the one stored under <c>data/</c>.
/// Comparison is in constant time over SHA-256 digests, so neither content nor length leaks.
/// </summary>
public sealed class AdminToken
{
    private readonly byte[]? _digest;

    public AdminToken(string? token) => _digest = string.IsNullOrEmpty(token) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public bool IsConfigured => _digest is not null;

    public bool Matches(string? presented)
    {
        if (_digest is null || presented is null)
        {
            return false;
        }

        byte[] candidate = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        return CryptographicOperations.FixedTimeEquals(candidate, _digest);
    }

    public static string? EnvironmentToken => Environment.GetEnvironmentVariable("SIDFLOW_ADMIN_TOKEN");

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
