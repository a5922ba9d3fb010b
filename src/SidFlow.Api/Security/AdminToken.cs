using System.Security.Cryptography;
using System.Text;
using SidFlow.Api.Configuration;

namespace SidFlow.Api.Security;

/// <summary>
/// The admin bearer tokens, each with the name the audit trail records as its actor: <c>SIDFLOW_ADMIN_TOKENS</c>
/// (<c>name:token</c> pairs separated by commas or whitespace) and <c>SIDFLOW_ADMIN_TOKEN</c> (or locally the one
/// stored under <c>data/</c>) as the name <c>admin</c>. Only SHA-256 digests are kept; a presented token is compared
/// with every one in constant time, so neither content, length nor which entry matched leaks through timing.
/// </summary>
public sealed class AdminToken
{
    public const string DefaultName = "admin";

    private readonly (string Name, byte[] Digest)[] _tokens;

    public AdminToken(string? token)
        : this(string.IsNullOrEmpty(token) ? [] : [(DefaultName, token)])
    {
    }

    public AdminToken(IEnumerable<(string Name, string Token)> tokens) =>
        _tokens = tokens.Where(t => t.Token.Length > 0).Select(t => (t.Name, SHA256.HashData(Encoding.UTF8.GetBytes(t.Token)))).ToArray();

    public bool IsConfigured => _tokens.Length > 0;

    public IEnumerable<string> Names => _tokens.Select(t => t.Name);

    public bool Matches(string? presented) => NameOf(presented) is not null;

    /// <summary>The name of the token presented; null when it is none of them.</summary>
    public string? NameOf(string? presented)
    {
        if (presented is null || _tokens.Length == 0)
        {
            return null;
        }

        byte[] candidate = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        string? name = null;
        foreach ((string n, byte[] digest) in _tokens)
        {
            // Every entry is compared, whatever matched before it.
            if (CryptographicOperations.FixedTimeEquals(candidate, digest))
            {
                name ??= n;
            }
        }

        return name;
    }

    public static string? EnvironmentToken => Environment.GetEnvironmentVariable("SIDFLOW_ADMIN_TOKEN");

    /// <summary><c>SIDFLOW_ADMIN_TOKENS</c> plus <paramref name="single"/> as <c>admin</c>.</summary>
    public static AdminToken FromEnvironment(string? single) =>
        new(ParseNamed(Environment.GetEnvironmentVariable("SIDFLOW_ADMIN_TOKENS"))
            .Concat(string.IsNullOrEmpty(single) ? [] : [(DefaultName, single)]));

    /// <summary><c>name:token</c> pairs; a pair without a name, or a name that is not letters, digits, '-', '_' or '.', is refused.</summary>
    public static IReadOnlyList<(string Name, string Token)> ParseNamed(string? value)
    {
        var pairs = new List<(string, string)>();
        foreach (string pair in (value ?? string.Empty).Split([',', ' ', '\n', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries))
        {
            int colon = pair.IndexOf(':', StringComparison.Ordinal);
            string name = colon > 0 ? pair[..colon] : string.Empty;
            if (name.Length == 0 || colon == pair.Length - 1 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                // The pair itself is never echoed: it holds a secret.
                throw new ConfigurationRefusedException($"SIDFLOW_ADMIN_TOKENS: entry {pairs.Count + 1} is not name:token (a name of letters, digits, '-', '_' or '.')");
            }

            pairs.Add((name, pair[(colon + 1)..]));
        }

        return pairs;
    }
}
