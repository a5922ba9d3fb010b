using System.Net;
using Xunit;

namespace SidFlow.Ultimate64Simulator.Tests;

public sealed class StreamTargetTests
{
    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1:11001")]
    [InlineData("127.0.0.1:5000", "127.0.0.1:5000")]
    [InlineData("127.1.2.3:6000", "127.1.2.3:6000")]
    [InlineData("localhost:7000", "127.0.0.1:7000")]
    [InlineData("[::1]:8000", "[::1]:8000")]
    [InlineData("::1", "[::1]:11001")]
    public void TryParse_LoopbackHostAndPort_Endpoint(string text, string expected)
    {
        Assert.True(StreamTarget.TryParse(text, out IPEndPoint? target, out string error), error);
        Assert.Equal(IPEndPoint.Parse(expected), target);
    }

    [Theory]
    [InlineData("10.0.0.5")]
    [InlineData("192.0.2.1:11001")]
    [InlineData("u64.example")]
    [InlineData("127.0.0.1:0")]
    [InlineData("127.0.0.1:x")]
    [InlineData("[::1")]
    public void TryParse_NotLoopbackOrMalformed_RefusedWithReason(string text)
    {
        Assert.False(StreamTarget.TryParse(text, out _, out string error));
        Assert.NotEmpty(error);
    }
}
