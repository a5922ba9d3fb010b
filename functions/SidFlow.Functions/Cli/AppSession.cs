using SidFlow.Functions.Configuration;
using SidFlow.Functions.Hosting;
using SidFlow.Storage;

namespace SidFlow.Functions.Cli;

/// <summary>
/// What every verb needs: configuration, local paths, the storage account (starting the embedded
/// Azurite when no account is configured) and the admin token. Disposing stops an Azurite it started.
/// </summary>
public sealed class AppSession : IAsyncDisposable
{
    private readonly EmbeddedStorage? _embedded;

    private AppSession(AppPaths paths, IConfigurationRoot configuration, StorageOptions storage, EmbeddedStorage? embedded, ILoggerFactory loggerFactory)
    {
        Paths = paths;
        Configuration = configuration;
        Storage = storage;
        _embedded = embedded;
        LoggerFactory = loggerFactory;
    }

    public AppPaths Paths { get; }
    public IConfigurationRoot Configuration { get; }
    public StorageOptions Storage { get; }
    public ILoggerFactory LoggerFactory { get; }
    public bool UsesEmbeddedStorage => _embedded is not null;

    public AdminToken AdminToken => new(Hosting.AdminToken.Read(Paths.AdminTokenFile, Hosting.AdminToken.EnvironmentToken));

    public static async Task<AppSession> OpenAsync(LogLevel consoleLevel, CancellationToken cancellationToken)
    {
        AppPaths paths = AppPaths.FromEnvironment();
        IConfigurationRoot configuration = SidFlowConfiguration.Load(paths);
        ILoggerFactory loggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(b => b
            .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; })
            .SetMinimumLevel(consoleLevel)
            .AddFilter("Azure", LogLevel.Warning));
        ILogger logger = loggerFactory.CreateLogger("SidFlow");
        foreach (string missing in ExpandedJsonConfigurationSource.MissingVariables(configuration))
        {
            logger.LogWarning("{ConfigFile} refers to ${{{Name}}}, which is not set in the environment", paths.ConfigFile, missing);
        }

        StorageOptions? storage = StorageSetup.FromEnvironment(configuration);
        EmbeddedStorage? embedded = null;
        if (storage is null)
        {
            embedded = await EmbeddedStorage.StartOrAttachAsync(paths.AzuriteDirectory, logger, cancellationToken);
            storage = new StorageOptions
            {
                ConnectionString = embedded.ConnectionString,
                Prefix = Environment.GetEnvironmentVariable("SIDFLOW_STORAGE_PREFIX") ?? configuration["storage:prefix"] ?? string.Empty,
            };
        }

        return new AppSession(paths, configuration, storage, embedded, loggerFactory);
    }

    /// <summary>The same services the web app has, for verbs that work without serving HTTP.</summary>
    /// <param name="prefix">Another storage prefix for this provider (benchmarks isolate their data so).</param>
    public ServiceProvider CreateServices(Action<IServiceCollection>? configure = null, string? prefix = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(LoggerFactory);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        StorageOptions storage = prefix is null ? Storage : new StorageOptions
        {
            ConnectionString = Storage.ConnectionString,
            BlobServiceUri = Storage.BlobServiceUri,
            QueueServiceUri = Storage.QueueServiceUri,
            TableServiceUri = Storage.TableServiceUri,
            ManagedIdentityClientId = Storage.ManagedIdentityClientId,
            Prefix = prefix,
        };
        services.AddSidFlow(Configuration, storage, AdminToken);
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }


    public async ValueTask DisposeAsync()
    {
        if (_embedded is not null)
        {
            await _embedded.DisposeAsync();
        }

        LoggerFactory.Dispose();
    }
}
