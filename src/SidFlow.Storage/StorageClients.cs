using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace SidFlow.Storage;

/// <summary>Thread-safe blob, table and queue service clients for one account, and the layout's names.</summary>
public sealed class StorageClients
{
    public StorageClients(StorageOptions options)
    {
        options.Validate();
        Options = options;
        Names = new StorageNames(options.Prefix);

        var blobOptions = new BlobClientOptions();
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        var tableOptions = new TableClientOptions();
        foreach (ClientOptions o in new ClientOptions[] { blobOptions, queueOptions, tableOptions })
        {
            o.Retry.NetworkTimeout = options.NetworkTimeout;
            o.Retry.MaxRetries = options.MaxRetries;
            o.Retry.Mode = RetryMode.Exponential;
            o.Retry.Delay = TimeSpan.FromMilliseconds(200);
            o.Retry.MaxDelay = TimeSpan.FromSeconds(5);
        }

        if (options.UsesConnectionString)
        {
            Blobs = new BlobServiceClient(options.ConnectionString, blobOptions);
            Queues = new QueueServiceClient(options.ConnectionString, queueOptions);
            Tables = new TableServiceClient(options.ConnectionString, tableOptions);
        }
        else
        {
            TokenCredential credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions
            {
                ManagedIdentityClientId = options.ManagedIdentityClientId,
            });
            Blobs = new BlobServiceClient(options.BlobServiceUri!, credential, blobOptions);
            Queues = new QueueServiceClient(options.QueueServiceUri!, credential, queueOptions);
            Tables = new TableServiceClient(options.TableServiceUri!, credential, tableOptions);
        }
    }

    public StorageOptions Options { get; }
    public StorageNames Names { get; }
    public BlobServiceClient Blobs { get; }
    public QueueServiceClient Queues { get; }
    public TableServiceClient Tables { get; }

    public BlobContainerClient Container(string name) => Blobs.GetBlobContainerClient(name);
    public TableClient Table(string name) => Tables.GetTableClient(name);
    public QueueClient Queue(string name) => Queues.GetQueueClient(name);

    /// <summary>Creates every container, table and queue of the layout that does not exist yet.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        var work = new List<Task>();
        work.AddRange(Names.Containers.Select(c => Container(c).CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
        work.AddRange(Names.Tables.Select(t => Table(t).CreateIfNotExistsAsync(cancellationToken)));
        work.AddRange(Names.Queues.Select(q => Queue(q).CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
        await Task.WhenAll(work);
    }
}
