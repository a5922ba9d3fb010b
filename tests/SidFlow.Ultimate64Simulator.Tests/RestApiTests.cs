using System.Net;
using System.Text.Json.Nodes;
using SidFlow.Emulation.Sid;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Ultimate64Simulator.Tests;

/// <summary>The REST API answers as the device does: statuses, JSON shapes, the password, the argument rules.</summary>
public sealed class RestApiTests
{
    private const string FilterCurve = "v1/configs/UltiSID%20Configuration/UltiSID%201%20Filter%20Curve";
    private const string SystemMode = "v1/configs/U64%20Specific%20Settings/System%20Mode";

    // Twelve songs, the third the default: enough to tell octal from decimal song numbers.
    private static readonly byte[] TwelveSongs = new PsidBuilder { Songs = 12, StartSong = 3 }.Build();

    [Fact]
    public async Task Version_Get_AnswersVersionWithEmptyErrors()
    {
        using HttpResponseMessage response = await SimulatorTests.AnswerAsync("GET", "v1/version");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonObject body = await response.JsonAsync();
        Assert.Equal("0.1", body["version"]!.GetValue<string>());
        Assert.Empty(SimulatorTests.Errors(body));
    }

    [Fact]
    public async Task Info_Get_AnswersProductAndVersionsFromOptions()
    {
        using HttpResponseMessage response = await SimulatorTests.AnswerAsync("GET", "v1/info", new SimulatorOptions { FirmwareVersion = "3.11", Hostname = "bench-u64" });

        JsonObject body = await response.JsonAsync();

        Assert.Equal("Ultimate 64", body["product"]!.GetValue<string>());
        Assert.Equal("3.11", body["firmware_version"]!.GetValue<string>());
        Assert.Equal("bench-u64", body["hostname"]!.GetValue<string>());
        Assert.All(new[] { "fpga_version", "core_version", "unique_id" }, key => Assert.False(string.IsNullOrEmpty(body[key]!.GetValue<string>())));
        Assert.Empty(SimulatorTests.Errors(body));
    }

    [Theory]
    [InlineData("GET", "v1/nothing")]
    [InlineData("GET", "v1/runners:sidplay")]
    [InlineData("PUT", "v1/version")]
    [InlineData("POST", "v1/machine:reset")]
    [InlineData("PUT", "v1/machine:explode")]
    [InlineData("GET", "v1/streams/audio:start?ip=127.0.0.1")]
    public async Task Request_UnknownRouteOrWrongVerb_BareNotFound(string method, string uri)
    {
        using HttpResponseMessage response = await SimulatorTests.AnswerAsync(method, uri);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("v1/version?verbose=1", "GET")]
    [InlineData("v1/streams/audio:start", "PUT")]
    [InlineData("v1/streams/audio:start?ip=127.0.0.1&port=11001", "PUT")]
    [InlineData("v1/machine:reset?hard=1", "PUT")]
    [InlineData(FilterCurve, "PUT")]
    public async Task Request_UnexpectedOrMissingArgument_BadRequestWithError(string uri, string method)
    {
        using HttpResponseMessage response = await SimulatorTests.AnswerAsync(method, uri);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty(SimulatorTests.Errors(await response.JsonAsync()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong")]
    public async Task Request_PasswordSetAndNotGiven_ForbiddenWithDevicesError(string? given)
    {
        using HttpResponseMessage response = await SimulatorTests.AnswerAsync("GET", "v1/version", new SimulatorOptions { Password = "secret" }, given);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(["Forbidden."], SimulatorTests.Errors(await response.JsonAsync()));
    }

    [Fact]
    public async Task Request_PasswordSetAndGiven_Answers()
    {
        using HttpResponseMessage response = await SimulatorTests.AnswerAsync("GET", "v1/version", new SimulatorOptions { Password = "secret" }, "secret");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("", 3)]
    [InlineData("?songnr=0", 3)]
    [InlineData("?songnr=10", 10)]
    [InlineData("?songnr=010", 8)]
    [InlineData("?songnr=014", 12)]
    [InlineData("?songnr=0xB", 11)]
    public async Task SidPlay_SongNumber_PlaysThatSongReadLikeTheFirmware(string query, int expected)
    {
        await using Ultimate64Simulator simulator = await SimulatorTests.StartAsync();
        using HttpClient http = SimulatorTests.ClientFor(simulator);

        using HttpResponseMessage response = await http.SidPlayAsync(TwelveSongs, query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(SimulatorTests.Errors(await response.JsonAsync()));
        Assert.Equal(expected, simulator.Song?.Subtune);
    }

    [Theory]
    [InlineData("?songnr=13")]
    [InlineData("?songnr=015")]
    [InlineData("?songnr=09")]
    [InlineData("?songnr=two")]
    [InlineData("?songnr=-1")]
    public async Task SidPlay_SongNumberOutOfRangeOrNotANumber_BadRequestAndNothingPlays(string query)
    {
        await using Ultimate64Simulator simulator = await SimulatorTests.StartAsync();
        using HttpClient http = SimulatorTests.ClientFor(simulator);

        using HttpResponseMessage response = await http.SidPlayAsync(TwelveSongs, query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty(SimulatorTests.Errors(await response.JsonAsync()));
        Assert.Null(simulator.Song);
    }

    [Fact]
    public async Task SidPlay_NoBody_PreconditionFailed()
    {
        await using Ultimate64Simulator simulator = await SimulatorTests.StartAsync();
        using HttpClient http = SimulatorTests.ClientFor(simulator);

        using HttpResponseMessage response = await http.SidPlayAsync([]);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.NotEmpty(SimulatorTests.Errors(await response.JsonAsync()));
    }

    [Fact]
    public async Task SidPlay_MultipartWithoutParts_PreconditionFailed()
    {
        await using Ultimate64Simulator simulator = await SimulatorTests.StartAsync();
        using HttpClient http = SimulatorTests.ClientFor(simulator);
        using var empty = new MultipartFormDataContent();

        using HttpResponseMessage response = await http.PostAsync("v1/runners:sidplay", empty, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Null(simulator.Song);
    }

    [Fact]
    public async Task SidPlay_NotASidFile_UnsupportedMediaType()
    {
        await using Ultimate64Simulator simulator = await SimulatorTests.StartAsync();
        using HttpClient http = SimulatorTests.ClientFor(simulator);

        using HttpResponseMessage response = await http.SidPlayAsync(new byte[300]);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.NotEmpty(SimulatorTests.Errors(await response.JsonAsync()));
        Assert.Null(simulator.Song);
    }

    [Fact]
    public async Task SidPlay_Multipart_PlaysTheFirstPart()
    {
        byte[] sid = SimulatorTests.SampleSongFile();
        await using Ultimate64Simulator simulator = await SimulatorTests.StartAsync();
        using HttpClient http = SimulatorTests.ClientFor(simulator);
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(sid), "file", "Ricochet.sid" },
            { new ByteArrayContent("; song lengths"u8.ToArray()), "songlengths", "Songlengths.ssl" },
        };

        using HttpResponseMessage response = await http.PostAsync("v1/runners:sidplay?songnr=1", form, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SidFile.Parse(sid).Md5, simulator.Song?.Sid.Md5);
        Assert.Equal(1, simulator.Song?.Subtune);
    }

    [Theory]
    [InlineData("reset", true)]
    [InlineData("reboot", true)]
    [InlineData("poweroff", true)]
    [InlineData("pause", false)]
    [InlineData("resume", false)]
    public async Task Machine_Command_AcceptedAndResetsStopTheSong(string command, bool stops)
    {
        await using Ultimate64Simulator simulator = await SimulatorTests.StartAsync();
        using HttpClient http = SimulatorTests.ClientFor(simulator);
        (await http.SidPlayAsync(TwelveSongs)).EnsureSuccessStatusCode();

        using HttpResponseMessage response = await http.PutAsync($"v1/machine:{command}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(SimulatorTests.Errors(await response.JsonAsync()));
        Assert.Equal(stops, simulator.Song is null);
    }

    [Theory]
    [InlineData("ip=192.0.2.10")]
    [InlineData("ip=192.0.2.10:11001")]
    [InlineData("ip=u64-receiver.example")]
    [InlineData("ip=127.0.0.1:70000")]
    public async Task AudioStart_NotALoopbackReceiver_BadRequestAndNoStream(string query)
    {
        await using Ultimate64Simulator simulator = await SimulatorTests.StartAsync();
        using HttpClient http = SimulatorTests.ClientFor(simulator);

        using HttpResponseMessage response = await http.PutAsync($"v1/streams/audio:start?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty(SimulatorTests.Errors(await response.JsonAsync()));
        Assert.Null(simulator.Stream);
    }

    [Fact]
    public async Task AudioStart_NoPort_StreamsToTheDefaultPort()
    {
        await using Ultimate64Simulator simulator = await SimulatorTests.StartAsync(new SimulatorOptions { HandshakeDatagrams = 0 });
        using HttpClient http = SimulatorTests.ClientFor(simulator);

        using HttpResponseMessage response = await http.PutAsync("v1/streams/audio:start?ip=127.0.0.1");
        (await http.PutAsync("v1/streams/audio:stop")).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 11001), simulator.Stream?.Target);
        Assert.False(simulator.Stream?.Running);
    }

    [Fact]
    public async Task AudioStop_NoStream_Ok()
    {
        using HttpResponseMessage response = await SimulatorTests.AnswerAsync("PUT", "v1/streams/audio:stop");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(SimulatorTests.Errors(await response.JsonAsync()));
    }

    [Theory]
    [InlineData("6581", "6581", SidModel.Mos6581)]
    [InlineData("8580%20Lo", "8580 Lo", SidModel.Mos8580)]
    [InlineData("8580%20hi", "8580 Hi", SidModel.Mos8580)]
    public async Task FilterCurve_Put_SetsTheModelTheNextSongPlaysWith(string value, string current, SidModel model)
    {
        await using Ultimate64Simulator simulator = await SimulatorTests.StartAsync();
        using HttpClient http = SimulatorTests.ClientFor(simulator);

        using HttpResponseMessage response = await http.PutAsync($"{FilterCurve}?value={value}");
        (await http.SidPlayAsync(TwelveSongs)).EnsureSuccessStatusCode();
        JsonObject read = await (await http.GetAsync(FilterCurve, TestContext.Current.CancellationToken)).JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(model, simulator.Song?.Model);
        Assert.Equal(current, read["UltiSID Configuration"]!["UltiSID 1 Filter Curve"]!["current"]!.GetValue<string>());
    }

    [Fact]
    public async Task FilterCurve_PutUnknownValue_BadRequestAndUnchanged()
    {
        await using Ultimate64Simulator simulator = await SimulatorTests.StartAsync();
        using HttpClient http = SimulatorTests.ClientFor(simulator);

        using HttpResponseMessage response = await http.PutAsync($"{FilterCurve}?value=6582");
        JsonObject read = await (await http.GetAsync(FilterCurve, TestContext.Current.CancellationToken)).JsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty(SimulatorTests.Errors(await response.JsonAsync()));
        Assert.Equal("6581", read["UltiSID Configuration"]!["UltiSID 1 Filter Curve"]!["current"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(SidClockKind.Pal, "PAL")]
    [InlineData(SidClockKind.Ntsc, "NTSC")]
    public async Task SystemMode_Get_ReportsTheClockInTheFirmwaresShape(SidClockKind clock, string expected)
    {
        using HttpResponseMessage response = await SimulatorTests.AnswerAsync("GET", SystemMode, new SimulatorOptions { Clock = clock });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonObject body = await response.JsonAsync();
        JsonNode item = body["U64 Specific Settings"]!["System Mode"]!;
        Assert.Equal(expected, item["current"]!.GetValue<string>());
        Assert.Contains(expected, item["values"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal("PAL", item["default"]!.GetValue<string>());
        Assert.Empty(SimulatorTests.Errors(body));
    }

    [Fact]
    public async Task Config_UnknownItem_NotFoundWithError()
    {
        using HttpResponseMessage response = await SimulatorTests.AnswerAsync("GET", "v1/configs/U64%20Specific%20Settings/Turbo");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEmpty(SimulatorTests.Errors(await response.JsonAsync()));
    }

    [Fact]
    public async Task Calls_SeveralRequests_RecordedInOrderWithPathAndQuery()
    {
        await using Ultimate64Simulator simulator = await SimulatorTests.StartAsync(new SimulatorOptions { Password = "secret" });
        using HttpClient http = SimulatorTests.ClientFor(simulator, "secret");
        DateTimeOffset before = DateTimeOffset.UtcNow;

        await http.GetAsync("v1/info", TestContext.Current.CancellationToken);
        await http.PutAsync($"{FilterCurve}?value=8580%20Lo");
        await http.SidPlayAsync(TwelveSongs, "?songnr=2");

        Assert.Equal(
            [
                ("GET", "/v1/info", ""),
                ("PUT", "/v1/configs/UltiSID Configuration/UltiSID 1 Filter Curve", "?value=8580%20Lo"),
                ("POST", "/v1/runners:sidplay", "?songnr=2"),
            ],
            simulator.Calls.Select(c => (c.Method, c.Path, c.Query)));
        Assert.All(simulator.Calls, c => Assert.True(c.At >= before));
    }

    [Fact]
    public async Task Request_Unresponsive_NeverAnswersButIsRecorded()
    {
        await using Ultimate64Simulator simulator = await SimulatorTests.StartAsync(new SimulatorOptions { Unresponsive = true });
        using var http = new HttpClient { BaseAddress = simulator.BaseAddress, Timeout = TimeSpan.FromMilliseconds(500) };

        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => http.GetAsync("v1/version", TestContext.Current.CancellationToken));

        Assert.Equal("/v1/version", Assert.Single(simulator.Calls).Path);
    }

    [Fact]
    public async Task Request_UnresponsiveTurnedOff_AnswersAgain()
    {
        await using Ultimate64Simulator simulator = await SimulatorTests.StartAsync(new SimulatorOptions { Unresponsive = true });
        using var impatient = new HttpClient { BaseAddress = simulator.BaseAddress, Timeout = TimeSpan.FromMilliseconds(500) };
        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => impatient.GetAsync("v1/version", TestContext.Current.CancellationToken));

        simulator.Options.Unresponsive = false;
        using HttpClient http = SimulatorTests.ClientFor(simulator);
        using HttpResponseMessage response = await http.GetAsync("v1/version", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
