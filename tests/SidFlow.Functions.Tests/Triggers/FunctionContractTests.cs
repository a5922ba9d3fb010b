using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cronos;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SidFlow.Functions.Triggers;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Functions.Tests.Triggers;

/// <summary>The custom-handler contract: function.json files, host.json and the {Data, Metadata} invocation.</summary>
public sealed class FunctionContractTests(AzuriteFixture azurite)
{
    private static IEnumerable<(string Name, JsonObject Binding)> FunctionTriggers() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "functions"), "function.json", SearchOption.AllDirectories)
            .Select(file =>
            {
                JsonObject doc = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
                JsonObject trigger = doc["bindings"]!.AsArray().Select(b => b!.AsObject())
                    .Single(b => b["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal));
                return (Path.GetFileName(Path.GetDirectoryName(file)!), trigger);
            });

    [Fact]
    public void FunctionJson_EveryFile_ParsesWithOneInboundTrigger()
    {
        var functions = FunctionTriggers().ToList();

        Assert.NotEmpty(functions);
        Assert.All(functions, f => Assert.Equal("in", f.Binding["direction"]!.GetValue<string>()));
        Assert.Contains(functions, f => f.Binding["type"]!.GetValue<string>() == "httpTrigger");
    }

    [Fact]
    public async Task FunctionJson_NonHttpTriggers_NameHandlersTheAppHasAndBack()
    {
        await using RunningApp app = await RunningApp.StartAsync(azurite);
        string[] handlers = app.Services.GetServices<IFunctionTrigger>().Select(t => t.Name).Order().ToArray();

        string[] declared = FunctionTriggers().Where(f => f.Binding["type"]!.GetValue<string>() != "httpTrigger").Select(f => f.Name).Order().ToArray();

        Assert.Equal(handlers, declared);
    }

    [Fact]
    public void FunctionJson_TimerSchedules_AreSixFieldCron()
    {
        foreach ((string name, JsonObject binding) in FunctionTriggers().Where(f => f.Binding["type"]!.GetValue<string>() == "timerTrigger"))
        {
            string schedule = binding["schedule"]!.GetValue<string>();
            Assert.True(schedule.Split(' ').Length == 6, $"{name}: '{schedule}' must have six fields (with seconds)");
            Assert.NotNull(CronExpression.Parse(schedule, CronFormat.IncludeSeconds).GetNextOccurrence(DateTime.UtcNow));
        }
    }

    [Fact]
    public async Task HttpFunction_CatchAllRoute_CoversEveryMethodTheAppServes()
    {
        await using RunningApp app = await RunningApp.StartAsync(azurite);
        (string _, JsonObject http) = FunctionTriggers().Single(f => f.Binding["type"]!.GetValue<string>() == "httpTrigger");
        string[] allowed = http["methods"]!.AsArray().Select(m => m!.GetValue<string>().ToUpperInvariant()).ToArray();
        string[] triggerRoutes = app.Services.GetServices<IFunctionTrigger>().Select(t => "/" + t.Name).ToArray();

        var served = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !triggerRoutes.Contains("/" + e.RoutePattern.RawText?.TrimStart('/')))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            .Distinct().ToArray();

        Assert.Equal("{*route}", http["route"]!.GetValue<string>());
        Assert.NotEmpty(served);
        Assert.All(served, m => Assert.Contains(m, allowed));
    }

    [Fact]
    public void HostJson_CustomHandler_StartsThePublishedAppWithProxying()
    {
        JsonObject host = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json")))!.AsObject();
        JsonObject handler = host["customHandler"]!.AsObject();

        Assert.EndsWith("SidFlow.Functions", handler["description"]!["defaultExecutablePath"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("serve", handler["description"]!["arguments"]![0]!.GetValue<string>());
        Assert.True(handler["enableProxyingHttpRequest"]!.GetValue<bool>());
        Assert.Equal(string.Empty, host["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invoke_HostPayload_AnswersOutputsLogsAndReturnValue()
    {
        await using RunningApp app = await RunningApp.StartAsync(azurite);
        foreach ((string name, JsonObject binding) in FunctionTriggers().Where(f => f.Binding["type"]!.GetValue<string>() == "timerTrigger"))
        {
            var payload = new JsonObject
            {
                ["Data"] = new JsonObject
                {
                    [binding["name"]!.GetValue<string>()] = JsonNode.Parse("""{"Schedule":{},"ScheduleStatus":{"Last":"2026-11-24T00:00:00Z","Next":"2026-11-24T00:05:00Z","LastUpdated":"2026-11-24T00:00:00Z"},"IsPastDue":false}"""),
                },
                ["Metadata"] = new JsonObject { ["sys"] = new JsonObject { ["MethodName"] = name, ["UtcNow"] = "2026-11-24T00:05:00Z", ["RandGuid"] = Guid.NewGuid().ToString() } },
            };

            HttpResponseMessage response = await app.Client.PostAsJsonAsync("/" + name, payload, TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using JsonDocument doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.Equal(JsonValueKind.Object, doc.RootElement.GetProperty("Outputs").ValueKind);
            Assert.Equal(JsonValueKind.Array, doc.RootElement.GetProperty("Logs").ValueKind);
            Assert.True(doc.RootElement.TryGetProperty("ReturnValue", out _));
        }
    }

    [Fact]
    public async Task Invoke_MalformedPayload_Answers400WithLog()
    {
        await using RunningApp app = await RunningApp.StartAsync(azurite);
        string name = app.Services.GetServices<IFunctionTrigger>().First().Name;

        HttpResponseMessage response = await app.Client.PostAsync("/" + name, new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid invocation payload", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
