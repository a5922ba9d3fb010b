namespace SidFlow.Core.Backup;

/// <summary><c>SIDFLOW_BACKUP_KEY</c>: 32 bytes, written as base64 or as 64 hex digits.</summary>
public static class BackupKey
{
    public const string Variable = "SIDFLOW_BACKUP_KEY";

    public static byte[]? FromEnvironment() => Parse(Environment.GetEnvironmentVariable(Variable));

    /// <summary>The key, or null with why not (absent: no reason; malformed: the reason, never the value).</summary>
    public static byte[]? TryFromEnvironment(out string? refusal)
    {
        try
        {
            refusal = null;
            return FromEnvironment();
        }
        catch (BackupRefusedException ex)
        {
            refusal = ex.Message;
            return null;
        }
    }

    public static byte[]? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        byte[]? key = null;
        if (text.Length == 2 * BackupCipher.KeySize && text.All(char.IsAsciiHexDigit))
        {
            key = Convert.FromHexString(text);
        }
        else
        {
            var buffer = new byte[BackupCipher.KeySize + 3];
            if (Convert.TryFromBase64String(text, buffer, out int written) && written == BackupCipher.KeySize)
            {
                key = buffer[..written];
            }
        }

        // The value is never echoed: it is the key.
        return key ?? throw new BackupRefusedException($"{Variable} must be {BackupCipher.KeySize} bytes written as base64 or as {2 * BackupCipher.KeySize} hex digits (e.g. openssl rand -base64 32)");
    }
}
