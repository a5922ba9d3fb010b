using SidFlow.Storage;

namespace SidFlow.Api.Composition;

/// <summary>
/// Chooses the storage account: <c>SIDFLOW_STORAGE</c> (a connection string), else the Functions host's
/// <c>AzureWebJobsStorage</c> (a connection string, or <c>__blobServiceUri</c>/<c>__queueServiceUri</c>/
/// <c>__tableServiceUri</c> with a managed identity), else none: the caller starts the embedded Azurite.
/// </summary>
public static class StorageSetup
{
    public static StorageOptions? FromEnvironment(IConfiguration configuration)
    {
        string prefix = Environment.GetEnvironmentVariable("SIDFLOW_STORAGE_PREFIX") ?? configuration["storage:prefix"] ?? string.Empty;
        string? connection = Environment.GetEnvironmentVariable("SIDFLOW_STORAGE");
        if (string.IsNullOrWhiteSpace(connection))
        {
            connection = Environment.GetEnvironmentVariable("AzureWebJobsStorage");
        }

        if (!string.IsNullOrWhiteSpace(connection))
        {
            return new StorageOptions { ConnectionString = connection, Prefix = prefix };
        }

        string? blob = Environment.GetEnvironmentVariable("AzureWebJobsStorage__blobServiceUri");
        string? queue = Environment.GetEnvironmentVariable("AzureWebJobsStorage__queueServiceUri");
        string? table = Environment.GetEnvironmentVariable("AzureWebJobsStorage__tableServiceUri");
        if (blob is not null && queue is not null && table is not null)
        {
            return new StorageOptions
            {
                BlobServiceUri = new Uri(blob),
                QueueServiceUri = new Uri(queue),
                TableServiceUri = new Uri(table),
                ManagedIdentityClientId = Environment.GetEnvironmentVariable("AzureWebJobsStorage__clientId"),
                Prefix = prefix,
            };
        }

        return null;
    }
}
