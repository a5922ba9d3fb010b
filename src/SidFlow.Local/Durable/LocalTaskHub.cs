using Azure.Identity;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SidFlow.Core.Jobs;
using SidFlow.Storage;

namespace SidFlow.Local.Durable;

/// <summary>
/// The task hub on SidFlow's storage account through the Azure Storage provider, the one Durable Functions
/// runs on: same hub name, partitions and app name as the Functions app, so a local worker pointed at the
/// Azure account joins its task hub. Queue visibility is short (<c>jobs.visibilityTimeout</c>) so the work
/// of a killed process comes back within a minute.
/// </summary>
public sealed class LocalTaskHub
{
    public LocalTaskHub(StorageOptions storage, IOptions<JobOptions> options, ILoggerFactory loggers)
    {
        JobOptions o = options.Value;
        Settings = new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = storage.UsesConnectionString
                ? new StorageAccountClientProvider(storage.ConnectionString!)
                : new StorageAccountClientProvider(storage.BlobServiceUri!, storage.QueueServiceUri!, storage.TableServiceUri!,
                    new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = storage.ManagedIdentityClientId })),
            TaskHubName = HubName(storage.Prefix, o.TaskHub),
            AppName = o.AppName,
            PartitionCount = o.PartitionCount,
            // Each process is its own worker: two on one machine share the hub rather than taking each other's leases.
            WorkerId = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}",
            MaxConcurrentTaskActivityWorkItems = o.ActivityConcurrency,
            MaxConcurrentTaskOrchestrationWorkItems = 16,
            ControlQueueVisibilityTimeout = o.VisibilityTimeout,
            WorkItemQueueVisibilityTimeout = o.VisibilityTimeout,
            LeaseInterval = o.PartitionLeaseInterval,
            LeaseAcquireInterval = o.PartitionLeaseAcquireInterval,
            LeaseRenewInterval = o.PartitionLeaseAcquireInterval,
            // The 2-second default is too short on a busy 2-core machine: a slow lease write would drop the partition.
            PartitionTableOperationTimeout = TimeSpan.FromSeconds(10),
            MaxQueuePollingInterval = o.MaxQueuePollingInterval,
            ExtendedSessionsEnabled = o.ExtendedSessions,
            LoggerFactory = loggers,
        };
        Service = new AzureStorageOrchestrationService(Settings);
        Client = new TaskHubClient(Service, new DurableJsonDataConverter(), loggers);
    }

    public AzureStorageOrchestrationServiceSettings Settings { get; }
    public AzureStorageOrchestrationService Service { get; }
    public TaskHubClient Client { get; }

    /// <summary>Task hub names are letters and digits: the storage prefix (lower-case letters and digits) goes in front.</summary>
    public static string HubName(string prefix, string hub) => prefix + hub;
}
