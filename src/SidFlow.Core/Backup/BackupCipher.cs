using System.Buffers.Binary;
using System.Security.Cryptography;

namespace SidFlow.Core.Backup;

/// <summary>
/// AES-256-GCM over a stream in 1 MiB chunks (the STREAM construction): each chunk has its own nonce (a random
/// prefix and the chunk's number) and tag, and the chunk number and a last-chunk flag are authenticated, so a
/// changed, reordered, dropped or truncated chunk fails to decrypt. The header names the format and holds the
/// nonce prefix; a wrong key fails on the first chunk, before anything is written.
/// </summary>
public static class BackupCipher
{
    public const int KeySize = 32;
    private const int ChunkSize = 1 << 20;
    private const int TagSize = 16;
    private const int PrefixSize = 7;
    private static readonly byte[] Magic = "SFBK-GCM1"u8.ToArray();

    /// <summary>Whether the stream starts like an encrypted backup (the stream is left where it was).</summary>
    public static bool IsEncrypted(Stream input)
    {
        long at = input.Position;
        var head = new byte[Magic.Length];
        int read = input.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        input.Position = at;
        return read == head.Length && head.AsSpan().SequenceEqual(Magic);
    }

    public static async Task EncryptAsync(Stream plain, Stream output, byte[] key, CancellationToken cancellationToken)
    {
        byte[] prefix = RandomNumberGenerator.GetBytes(PrefixSize);
        await output.WriteAsync(Magic, cancellationToken);
        await output.WriteAsync(prefix, cancellationToken);
        using var gcm = new AesGcm(key, TagSize);
        var current = new byte[ChunkSize];
        var next = new byte[ChunkSize];
        var sealedChunk = new byte[ChunkSize];
        var tag = new byte[TagSize];
        int length = await plain.ReadAtLeastAsync(current, ChunkSize, throwOnEndOfStream: false, cancellationToken);
        for (uint index = 0; ; index++)
        {
            // Read ahead one chunk: the last one is only known when nothing follows it.
            int nextLength = length == ChunkSize ? await plain.ReadAtLeastAsync(next, ChunkSize, throwOnEndOfStream: false, cancellationToken) : 0;
            bool last = nextLength == 0;
            gcm.Encrypt(Nonce(prefix, index), current.AsSpan(0, length), sealedChunk.AsSpan(0, length), tag, Associated(index, last));
            var header = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(header, length);
            await output.WriteAsync(header, cancellationToken);
            await output.WriteAsync(sealedChunk.AsMemory(0, length), cancellationToken);
            await output.WriteAsync(tag, cancellationToken);
            if (last)
            {
                return;
            }

            (current, next) = (next, current);
            length = nextLength;
        }
    }

    /// <summary>Decrypts and authenticates every chunk; throws <see cref="BackupRefusedException"/> on a wrong key or any change.</summary>
    public static async Task DecryptAsync(Stream input, Stream plain, byte[] key, CancellationToken cancellationToken)
    {
        var head = new byte[Magic.Length + PrefixSize];
        if (await input.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken) != head.Length || !head.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new BackupRefusedException("not an encrypted SidFlow backup");
        }

        byte[] prefix = head[Magic.Length..];
        using var gcm = new AesGcm(key, TagSize);
        var lengthBytes = new byte[4];
        var sealedChunk = new byte[ChunkSize];
        var chunk = new byte[ChunkSize];
        var tag = new byte[TagSize];
        for (uint index = 0; ; index++)
        {
            if (await input.ReadAtLeastAsync(lengthBytes, 4, throwOnEndOfStream: false, cancellationToken) != 4)
            {
                throw new BackupRefusedException("the archive is truncated (its last chunk is missing)");
            }

            int length = BinaryPrimitives.ReadInt32BigEndian(lengthBytes);
            if (length is < 0 or > ChunkSize
                || await input.ReadAtLeastAsync(sealedChunk.AsMemory(0, length), length, throwOnEndOfStream: false, cancellationToken) != length
                || await input.ReadAtLeastAsync(tag, TagSize, throwOnEndOfStream: false, cancellationToken) != TagSize)
            {
                throw new BackupRefusedException($"the archive is truncated or damaged at chunk {index}");
            }

            // The sender marks its last chunk; either flag may be the truth, and only the right one authenticates.
            bool last = input.Position == input.Length;
            try
            {
                gcm.Decrypt(Nonce(prefix, index), sealedChunk.AsSpan(0, length), tag, chunk.AsSpan(0, length), Associated(index, last));
            }
            catch (AuthenticationTagMismatchException)
            {
                throw new BackupRefusedException(index == 0
                    ? "the backup key is wrong, or the archive was changed"
                    : $"the archive was changed or truncated (chunk {index} does not authenticate)");
            }

            await plain.WriteAsync(chunk.AsMemory(0, length), cancellationToken);
            if (last)
            {
                return;
            }
        }
    }

    private static byte[] Nonce(byte[] prefix, uint index)
    {
        var nonce = new byte[12];
        prefix.CopyTo(nonce, 0);
        BinaryPrimitives.WriteUInt32BigEndian(nonce.AsSpan(PrefixSize + 1), index);
        return nonce;
    }

    private static byte[] Associated(uint index, bool last)
    {
        var data = new byte[5];
        BinaryPrimitives.WriteUInt32BigEndian(data, index);
        data[4] = last ? (byte)1 : (byte)0;
        return data;
    }
}

/// <summary>A backup that must not be restored (wrong key, changed or truncated archive, a checksum that does not match) or cannot be made.</summary>
public sealed class BackupRefusedException(string message) : Exception(message);
