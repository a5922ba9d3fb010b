using System.Security.Cryptography;
using System.Text;

namespace SidFlow.Api.Security;

/// <summary>
/// The admin bearer token (<c>SIDFLOW_ADMIN_TOKEN</c>, or locally the one stored under <c>data/</c>).
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
}
