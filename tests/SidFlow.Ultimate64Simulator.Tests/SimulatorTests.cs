using System.Buffers.Binary;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Ultimate64Simulator.Tests;

/// <summary>What the simulator tests share: the bound of every wait, a client for the REST API, reading packets.</summary>
internal static class SimulatorTests
{
    /// <summary>Generous: the build machines are busy, and a wait only takes this long when something is wrong.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    public const string SampleSong = "MUSICIANS/H/Hubbard_Rob/Ricochet.sid";

    /// <summary>The sample song's file, read from the shared HVSC sample.</summary>
    public static byte[] SampleSongFile() => File.ReadAllBytes(RepositoryPaths.SampleFile(SampleSong));

    public static Task<Ultimate64Simulator> StartAsync(SimulatorOptions? options = null) =>
        Ultimate64Simulator.StartAsync(options ?? new SimulatorOptions(), TestContext.Current.CancellationToken);

    /// <summary>One request to a simulator of its own, stopped again before returning (the answer is read in full first).</summary>
    public static async Task<HttpResponseMessage> AnswerAsync(string method, string uri, SimulatorOptions? options = null, string? password = null)
    {
        await using Ultimate64Simulator simulator = await StartAsync(options);
        using HttpClient http = ClientFor(simulator, password);
        return await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), uri), TestContext.Current.CancellationToken);
    }

    public static HttpClient ClientFor(Ultimate64Simulator simulator, string? password = null)
    {
        var client = new HttpClient { BaseAddress = simulator.BaseAddress, Timeout = Bound };
        if (password is not null)
        {
            client.DefaultRequestHeaders.Add("X-Password", password);
        }

        return client;
    }

    public static Task<HttpResponseMessage> PutAsync(this HttpClient client, string uri) =>
        client.PutAsync(uri, content: null, TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> SidPlayAsync(this HttpClient client, byte[] sid, string query = "")
    {
        var content = new ByteArrayContent(sid);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return client.PostAsync("v1/runners:sidplay" + query, content, TestContext.Current.CancellationToken);
    }

    public static async Task<JsonObject> JsonAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();
    }

    public static string[] Errors(JsonObject body) => body["errors"]!.AsArray().Select(e => e!.GetValue<string>()).ToArray();

    public static int SequenceOf(byte[] packet) => BinaryPrimitives.ReadUInt16LittleEndian(packet);

    /// <summary>The packet's 384 samples (left, right interleaved), read as the wire has them: 16-bit little-endian.</summary>
    public static short[] SamplesOf(byte[] packet)
    {
        short[] samples = new short[AudioTiming.FramesPerPacket * 2];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(packet.AsSpan(2 + (i * 2)));
        }

        return samples;
    }
}
