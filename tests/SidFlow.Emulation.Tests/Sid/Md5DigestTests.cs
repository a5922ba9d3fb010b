using System.Security.Cryptography;
using SidFlow.Emulation.Sid;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Emulation.Tests.Sid;

/// <summary>The managed MD5 the browser uses gives the platform's digest, so song lengths are found there too.</summary>
public sealed class Md5DigestTests
{
    [Fact]
    public void Compute_EverySampleFileAndEdgeLengths_EqualsThePlatformMd5()
    {
        IEnumerable<byte[]> inputs = RepositoryPaths.AllSampleSids().Select(File.ReadAllBytes)
            .Concat(new[] { 0, 1, 55, 56, 63, 64, 65, 119, 120, 128 }.Select(n => Enumerable.Range(0, n).Select(i => (byte)(i * 7)).ToArray()));

        foreach (byte[] input in inputs)
        {
            Assert.Equal(MD5.HashData(input), Md5Digest.Compute(input));
        }
    }
}
