using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SidFlow.Api.Security;
using SidFlow.Local.Hosting;
using SidFlow.Local.Storage;
using SidFlow.Pipeline.Orchestration;
using SidFlow.Storage;
using Xunit;

namespace SidFlow.Functions.Tests;

/// <summary>
/// The Functions app as the Functions host sees it: the <c>functions.metadata</c> the SDK generated at build.
/// Every route the local host serves is an HTTP trigger with the same methods, and every orchestration,
/// activity and timer is there with its trigger.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly JsonArray Functions = (JsonNode.Parse(File.ReadAllText(MetadataPath())) as JsonArray)
        ?? throw new InvalidOperationException("functions.metadata is not a JSON array");

    [Fact]
    public void HttpTriggers_EveryLocalRoute_IsAFunctionWithTheSameMethods()
    {
        HashSet<string> functionRoutes = Functions
            .SelectMany(f => Bindings(f!, "httpTrigger"))
            .SelectMany(b => b["methods"]!.AsArray().Select(m => $"{m!.GetValue<string>().ToUpperInvariant()} /{b["route"]!.GetValue<string>()}"))
            .ToHashSet(StringComparer.Ordinal);

        string[] localRoutes = LocalRoutes();

        Assert.NotEmpty(localRoutes);
        Assert.Empty(localRoutes.Except(functionRoutes));
        Assert.Empty(functionRoutes.Except(localRoutes));
    }

    [Fact]
    public void Orchestrations_EveryNameOfThePipeline_HasItsTrigger()
    {
        string[] names = typeof(OrchestrationNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name != nameof(OrchestrationNames.CancelEvent))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToArray();

        foreach (string name in names)
        {
            string expected = name.EndsWith("Orchestration", StringComparison.Ordinal) ? "orchestrationTrigger" : "activityTrigger";
            JsonNode function = Assert.Single(Functions, f => f!["name"]!.GetValue<string>() == name)!;
            Assert.Single(Bindings(function, expected));
        }

        Assert.Equal(names.Length, Functions.Count(f => Bindings(f!, "orchestrationTrigger").Any() || Bindings(f!, "activityTrigger").Any()));
    }

    [Theory]
    [InlineData("Admission", "*/10 * * * * *")]
    [InlineData("JobSchedule", "0 * * * * *")]
    [InlineData("HealthProbe", "0 */5 * * * *")]
    public void Timers_AdmissionScheduleAndHealth_FireOnTheirSchedules(string name, string schedule)
    {
        JsonNode function = Assert.Single(Functions, f => f!["name"]!.GetValue<string>() == name)!;

        Assert.Equal(schedule, Assert.Single(Bindings(function, "timerTrigger"))["schedule"]!.GetValue<string>());
    }

    [Fact]
    public void HardwareAnswers_QueueOfTheEdgeAgents_RaiseEventsThroughTheDurableClient()
    {
        JsonNode function = Assert.Single(Functions, f => f!["name"]!.GetValue<string>() == "HardwareRenderAnswer")!;

        Assert.Equal(new StorageNames(string.Empty).RenderU64AnswersQueue, Assert.Single(Bindings(function, "queueTrigger"))["queueName"]!.GetValue<string>());
        Assert.Single(Bindings(function, "durableClient"));
    }

    [Fact]
    public void JobControls_StartOrControlOrchestrations_BindTheDurableClient()
    {
        string[] needClient = ["ListJobs", "GetJob", "SetJobPriority", "PauseJob", "ResumeJob", "RetryJob", "CancelJob", "StartFetch", "StartClassify", "StartTrain", "StartRender", "PublishModel", "RollbackModel", "Admission", "JobSchedule", "CompleteJobRun"];

        foreach (string name in needClient)
        {
            JsonNode function = Assert.Single(Functions, f => f!["name"]!.GetValue<string>() == name)!;
            Assert.Single(Bindings(function, "durableClient"));
        }
    }

    private static IEnumerable<JsonNode> Bindings(JsonNode function, string type) =>
        function["bindings"]!.AsArray().Where(b => b!["type"]!.GetValue<string>() == type).Select(b => b!);

    /// <summary>The API routes the local host maps (the OpenAPI document and the web app's pages and files aside), as "METHOD /route".</summary>
    private static string[] LocalRoutes()
    {
        var options = new SidFlow.Storage.StorageOptions { ConnectionString = AzuriteProcess.ConnectionStringFor(1, 1, 1) };
        WebApplication app = LocalWebApp.Build(new WebAppSettings(new ConfigurationBuilder().AddInMemoryCollection().Build(), options, new AdminToken("x"), "http://127.0.0.1:0") { RunJobEngine = false });
        return ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} /{e.RoutePattern.RawText!.Trim('/')}"))
            .Distinct()
            .ToArray();
    }

    private static string MetadataPath() =>
        typeof(FunctionsMetadataTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "FunctionsMetadata").Value!;
}
