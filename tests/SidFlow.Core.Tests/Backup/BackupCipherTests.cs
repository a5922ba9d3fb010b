using System.Security.Cryptography;
using SidFlow.Core.Backup;
using Xunit;

namespace SidFlow.Core.Tests.Backup;

public sealed class BackupCipherTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1 << 20)]
    [InlineData((1 << 20) + 1)]
    [InlineData(3_500_000)]
    public async Task EncryptThenDecrypt_AnySize_GivesTheSameBytes(int size)
    {
        byte[] plain = RandomNumberGenerator.GetBytes(size);

        byte[] sealedBytes = await EncryptAsync(plain, Key);
        byte[] opened = await DecryptAsync(sealedBytes, Key);

        Assert.Equal(plain, opened);
        Assert.True(sealedBytes.Length > size);
        Assert.False(size > 64 && sealedBytes.AsSpan().IndexOf(plain.AsSpan(0, 64)) >= 0);
    }

    [Fact]
    public async Task Decrypt_WrongKey_RefusedAtTheFirstChunk()
    {
        byte[] sealedBytes = await EncryptAsync(RandomNumberGenerator.GetBytes(3_000_000), Key);

        var refused = await Assert.ThrowsAsync<BackupRefusedException>(() => DecryptAsync(sealedBytes, RandomNumberGenerator.GetBytes(32)));

        Assert.Contains("key is wrong", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("truncate")]
    [InlineData("drop-last-chunk")]
    [InlineData("swap-chunks")]
    public async Task Decrypt_ChangedArchive_Refused(string change)
    {
        byte[] plain = RandomNumberGenerator.GetBytes(2_500_000);
        byte[] sealedBytes = await EncryptAsync(plain, Key);
        const int header = 9 + 7, chunk = 4 + (1 << 20) + 16;
        byte[] changed = change switch
        {
            "flip" => Flip(sealedBytes, header + chunk + 1000),
            "truncate" => sealedBytes[..^100],
            "drop-last-chunk" => sealedBytes[..(header + 2 * chunk)],
            _ => [.. sealedBytes[..header], .. sealedBytes[(header + chunk)..(header + 2 * chunk)], .. sealedBytes[header..(header + chunk)], .. sealedBytes[(header + 2 * chunk)..]],
        };

        await Assert.ThrowsAsync<BackupRefusedException>(() => DecryptAsync(changed, Key));
    }

    [Fact]
    public async Task IsEncrypted_SealedAndPlain_TellsThemApart()
    {
        using var sealedStream = new MemoryStream(await EncryptAsync([1, 2, 3], Key));
        using var zip = new MemoryStream("PK\u0003\u0004 not encrypted"u8.ToArray());

        Assert.True(BackupCipher.IsEncrypted(sealedStream));
        Assert.Equal(0, sealedStream.Position);
        Assert.False(BackupCipher.IsEncrypted(zip));
    }

    [Theory]
    [InlineData("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", true)]
    [InlineData("ABEiM0RVZneImaq7zN3u/wARIjNEVWZ3iJmqu8zd7v8=", true)]
    [InlineData("too-short", false)]
    [InlineData("00112233445566778899aabbccddeeff", false)]
    public void Parse_KeyText_AcceptsOnly32Bytes(string text, bool valid)
    {
        if (valid)
        {
            Assert.Equal(32, BackupKey.Parse(text)!.Length);
        }
        else
        {
            var refused = Assert.Throws<BackupRefusedException>(() => BackupKey.Parse(text));
            Assert.DoesNotContain(text, refused.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("sidflow-backup-20261001-000000.sfbk", true)]
    [InlineData("sidflow-backup-20261115-120000.sfbk", false)]
    [InlineData("sidflow-backup-garbage.sfbk", false)]
    [InlineData("notes-20200101-000000.sfbk", false)]
    public void IsExpired_ByTheTimeInTheName_ThirtyDays(string name, bool expired) =>
        Assert.Equal(expired, BackupRetention.IsExpired(name, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), 30));

    private static async Task<byte[]> EncryptAsync(byte[] plain, byte[] key)
    {
        using var input = new MemoryStream(plain);
        using var output = new MemoryStream();
        await BackupCipher.EncryptAsync(input, output, key, TestContext.Current.CancellationToken);
        return output.ToArray();
    }

    private static async Task<byte[]> DecryptAsync(byte[] sealedBytes, byte[] key)
    {
        using var input = new MemoryStream(sealedBytes);
        using var output = new MemoryStream();
        await BackupCipher.DecryptAsync(input, output, key, TestContext.Current.CancellationToken);
        return output.ToArray();
    }

    private static byte[] Flip(byte[] bytes, int at)
    {
        byte[] copy = [.. bytes];
        copy[at] ^= 0x01;
        return copy;
    }
}
