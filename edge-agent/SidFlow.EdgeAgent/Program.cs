using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SidFlow.Api.Composition;
using SidFlow.Api.Configuration;
using SidFlow.EdgeAgent;
using SidFlow.Storage;

// The agent as a service of its own (systemd, deploy/sidflow-edge-agent.service): the storage account comes from
// SIDFLOW_STORAGE or AzureWebJobsStorage(__*ServiceUri), the device from .sidflow.json and SIDFLOW__render__ultimate64__*.
IConfigurationRoot configuration = SidFlowConfiguration.Load(SidFlowConfiguration.ConfigFileFromEnvironment());
StorageOptions storage = StorageSetup.FromEnvironment(configuration) ?? throw new InvalidOperationException(
    "no storage account: set SIDFLOW_STORAGE to a connection string, or AzureWebJobsStorage__blobServiceUri, __queueServiceUri and __tableServiceUri with a managed identity");
HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
builder.Configuration.AddConfiguration(configuration);
builder.Services.AddSystemd();
// One line per device request at Information is noise in the journal; failures still show.
builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
builder.Services.AddEdgeAgent(configuration, storage);
await builder.Build().RunAsync();
