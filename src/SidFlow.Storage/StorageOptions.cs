namespace SidFlow.Storage;

/// <summary>
/// How to reach the storage account: a connection string (Azurite, or an account key), or the
/// service URLs with <c>DefaultAzureCredential</c> (a managed identity in Azure).
/// </summary>
public sealed class StorageOptions
{
    public string? ConnectionString { get; set; }
    public Uri? BlobServiceUri { get; set; }
    public Uri? QueueServiceUri { get; set; }
    public Uri? TableServiceUri { get; set; }

    /// <summary>Client id of a user-assigned managed identity; null uses the default credential chain.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Prepended to every container, table and queue name, so that tests and tenants can share an account.</summary>
    public string Prefix { get; set; } = string.Empty;

    /// <summary>Per-request network timeout; the SDK retries within <see cref="MaxRetries"/>.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public int MaxRetries { get; set; } = 3;

    public bool UsesConnectionString => !string.IsNullOrWhiteSpace(ConnectionString);

    public void Validate()
    {
        if (!UsesConnectionString && (BlobServiceUri is null || QueueServiceUri is null || TableServiceUri is null))
        {
            throw new InvalidOperationException(
                "storage is not configured: set SIDFLOW_STORAGE (a connection string) or the blob, queue and table service URLs");
        }

        if (Prefix.Length > 0 && (!char.IsAsciiLetterLower(Prefix[0]) || !Prefix.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)) || Prefix.Length > 20))
        {
            throw new InvalidOperationException(
                $"storage prefix '{Prefix}' must be 1-20 lower-case letters or digits starting with a letter (it is part of container, table and queue names)");
        }
    }
}
