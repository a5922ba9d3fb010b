using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using SidFlow.Core.Render;
using SidFlow.EdgeAgent.Device;
using SidFlow.Ultimate64Simulator;
using Xunit;

namespace SidFlow.EdgeAgent.Tests.Device;

public sealed class Ultimate64DeviceTests
{
    private static Ultimate64Device DeviceAt(Uri address, string? password = null, int requestTimeoutMs = 2_000) =>
        new(new HttpClient(), Options.Create(new RenderOptions
        {
            Ultimate64 = new Ultimate64Options { Host = address.Host, Port = address.Port, Password = password, RequestTimeout = requestTimeoutMs },
        }));

    [Fact]
    public async Task GetInfoAsync_WithThePassword_ReadsProductAndFirmwareAndSendsTheHeader()
    {
        await using var simulator = await Ultimate64Simulator.Ultimate64Simulator.StartAsync(new SimulatorOptions { Password = "s3cret", FirmwareVersion = "3.14a" }, TestContext.Current.CancellationToken);

        Ultimate64DeviceInfo info = await DeviceAt(simulator.BaseAddress, "s3cret").GetInfoAsync(TestContext.Current.CancellationToken);

        Assert.Equal(("Ultimate 64", "3.14a"), (info.Product, info.Firmware));
        Assert.Equal("GET", Assert.Single(simulator.Calls).Method);
    }

    [Fact]
    public async Task GetInfoAsync_WrongPassword_FailsForbiddenNamingTheDevice()
    {
        await using var simulator = await Ultimate64Simulator.Ultimate64Simulator.StartAsync(new SimulatorOptions { Password = "s3cret" }, TestContext.Current.CancellationToken);

        var failure = await Assert.ThrowsAsync<Ultimate64Exception>(() => DeviceAt(simulator.BaseAddress, "guess").GetInfoAsync(TestContext.Current.CancellationToken));

        Assert.Equal(Ultimate64Failure.Forbidden, failure.Failure);
        Assert.Contains(simulator.BaseAddress.ToString(), failure.Message, StringComparison.Ordinal);
        Assert.Contains("Forbidden.", failure.Message, StringComparison.Ordinal);
        // A refused password is not retried: it will not change.
        Assert.Single(simulator.Calls);
    }

    [Fact]
    public async Task GetInfoAsync_NothingListening_FailsUnreachableAfterBoundedAttempts()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var failure = await Assert.ThrowsAsync<Ultimate64Exception>(() => DeviceAt(new Uri($"http://127.0.0.1:{port}/")).GetInfoAsync(TestContext.Current.CancellationToken));

        Assert.Equal(Ultimate64Failure.Unreachable, failure.Failure);
        Assert.Contains($"127.0.0.1:{port}", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"after {Ultimate64Device.Attempts} attempts", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetInfoAsync_DeviceNeverAnswers_FailsUnreachableWithinTheBound()
    {
        await using var simulator = await Ultimate64Simulator.Ultimate64Simulator.StartAsync(new SimulatorOptions { Unresponsive = true }, TestContext.Current.CancellationToken);

        var failure = await Assert.ThrowsAsync<Ultimate64Exception>(() => DeviceAt(simulator.BaseAddress, requestTimeoutMs: 300).GetInfoAsync(TestContext.Current.CancellationToken));

        Assert.Equal(Ultimate64Failure.Unreachable, failure.Failure);
        Assert.Contains("no answer within 0.3 s", failure.Message, StringComparison.Ordinal);
        Assert.Equal(Ultimate64Device.Attempts, simulator.Calls.Count);
    }

    [Fact]
    public async Task PlaySidAsync_NotASidFile_FailsRefusedWithTheDevicesStatus()
    {
        await using var simulator = await Ultimate64Simulator.Ultimate64Simulator.StartAsync(new SimulatorOptions(), TestContext.Current.CancellationToken);

        var failure = await Assert.ThrowsAsync<Ultimate64Exception>(() => DeviceAt(simulator.BaseAddress).PlaySidAsync("not a sid file"u8.ToArray(), 1, TestContext.Current.CancellationToken));

        Assert.Equal(Ultimate64Failure.Refused, failure.Failure);
        Assert.Contains("answered 415", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("6581", null, "6581")]
    [InlineData("8580", null, "8580 Lo")]
    [InlineData("8580", "8580 hi", "8580 Hi")]
    [InlineData("6581", "6581R3", "6581")]
    public void FilterCurveFor_SidTypeAndCurve_GivesTheDevicesValue(string sidType, string? curve, string expected) =>
        Assert.Equal(expected, Ultimate64Device.FilterCurveFor(new Ultimate64Options { SidType = sidType, FilterCurve = curve }));
}
