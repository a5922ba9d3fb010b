using System.Security.Cryptography;

namespace SidFlow.Core.Fetch;

public static class Sha256File
{
    public static async Task<string> ComputeAsync(string path, CancellationToken cancellationToken)
    {
        await using FileStream stream = new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
