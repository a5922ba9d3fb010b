using System.Security.Cryptography;
using System.Text;

namespace SidFlow.Core.Feedback;

/// <summary>Listener ids become HMAC-SHA256 with a secret salt: stable per listener, not reversible, never stored raw.</summary>
public sealed class ListenerHasher(IListenerSaltSource salts)
{
    private byte[]? _salt;

    public async Task<string> HashAsync(string listener, CancellationToken cancellationToken)
    {
        _salt ??= await salts.GetAsync(cancellationToken);
        return Convert.ToHexStringLower(HMACSHA256.HashData(_salt, Encoding.UTF8.GetBytes(listener)))[..32];
    }
}
