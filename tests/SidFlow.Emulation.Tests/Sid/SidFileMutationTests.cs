using SidFlow.Emulation.Sid;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Emulation.Tests.Sid;

public sealed class SidFileMutationTests(ITestOutputHelper output)
{
    [Fact]
    public void Parse_TenThousandMutationsOfRealFiles_ReturnsFileOrTypedError()
    {
        string[] sources = RepositoryPaths.AllSampleSids().Where((_, i) => i % 40 == 0).ToArray();
        var random = new Random(20261124);
        int parsed = 0, rejected = 0;
        var kinds = new Dictionary<SidFormatError, int>();
        for (int i = 0; i < 10_000; i++)
        {
            byte[] bytes = File.ReadAllBytes(sources[random.Next(sources.Length)]);
            byte[] mutated = Mutate(bytes, random);
            try
            {
                SidFile sid = SidFile.Parse(mutated);
                Assert.InRange(sid.Songs, 1, 256);
                Assert.InRange(sid.LoadEnd, 1, 0x10000);
                parsed++;
            }
            catch (SidFormatException ex)
            {
                kinds[ex.Error] = kinds.GetValueOrDefault(ex.Error) + 1;
                rejected++;
            }
        }

        output.WriteLine($"parsed {parsed}, rejected {rejected}: " + string.Join(", ", kinds.Select(k => $"{k.Key} {k.Value}")));
        Assert.Equal(10_000, parsed + rejected);
        Assert.True(rejected > 1000 && parsed > 1000, "mutations should exercise both outcomes");
    }

    private static byte[] Mutate(byte[] bytes, Random random)
    {
        switch (random.Next(4))
        {
            case 0:
                return bytes[..random.Next(bytes.Length + 1)];
            case 1:
            {
                byte[] copy = (byte[])bytes.Clone();
                int n = random.Next(1, 4);
                for (int k = 0; k < n; k++)
                {
                    copy[random.Next(Math.Min(copy.Length, 0x80))] = (byte)random.Next(256);
                }

                return copy;
            }
            case 2:
            {
                byte[] copy = (byte[])bytes.Clone();
                copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
                return copy;
            }
            default:
            {
                byte[] copy = new byte[random.Next(0, 300)];
                random.NextBytes(copy);
                if (copy.Length >= 4 && random.Next(2) == 0)
                {
                    "PSID"u8.CopyTo(copy);
                }

                return copy;
            }
        }
    }
}
