using SidFlow.Api.Composition;
using SidFlow.Api.Configuration;
using SidFlow.Api.Security;
using SidFlow.Local.Hosting;
using SidFlow.Local.Storage;
using SidFlow.Storage;

namespace SidFlow.Local.Cli;

/// <summary>
/// What every verb needs: configuration, local paths, the storage account (starting the embedded
/// Azurite when no account is configured) and the admin token. Disposing stops an Azurite it started.
/// </summary>
public sealed class AppSession : IAsyncDisposable
{
    private readonly EmbeddedStorage? _embedded;

    private AppSession(AppPaths paths, IConfigurationRoot configuration, StorageOptions storage, EmbeddedStorage? embedded, LogLevel consoleLevel, ILoggerFactory loggerFactory)
    {
        Paths = paths;
        Configuration = configuration;
        Storage = storage;
        _embedded = embedded;
        ConsoleLevel = consoleLevel;
        LoggerFactory = loggerFactory;
    }

    public AppPaths Paths { get; }
    public IConfigurationRoot Configuration { get; }
    public StorageOptions Storage { get; }
    public LogLevel ConsoleLevel { get; }
    public ILoggerFactory LoggerFactory { get; }
    public bool UsesEmbeddedStorage => _embedded is not null;

    public AdminToken AdminToken => AdminToken.FromEnvironment(AdminTokenFile.Read(Paths.AdminTokenFile, AdminToken.EnvironmentToken));

    public static async Task<AppSession> OpenAsync(LogLevel consoleLevel, CancellationToken cancellationToken)
    {
        AppPaths paths = AppPaths.FromEnvironment();
        IConfigurationRoot configuration = SidFlowConfiguration.Load(paths.ConfigFile);
        ILoggerFactory loggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.AddSidFlowConsole(consoleLevel));
        ILogger logger = loggerFactory.CreateLogger("SidFlow");
        foreach (string missing in ExpandedJsonConfigurationSource.MissingVariables(configuration))
        {
            logger.MissingVariable(paths.ConfigFile, missing);
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

        return new AppSession(paths, configuration, storage, embedded, consoleLevel, loggerFactory);
    }

    /// <summary>
    /// A host with the same services as the web app but no HTTP: with <paramref name="runEngine"/> it runs the
    /// Durable worker, admission and the schedule while it is started (verbs that start jobs), without them it
    /// is a client of the task hub only.
    /// </summary>
    /// <param name="prefix">Another storage prefix for this host (benchmarks isolate their data so).</param>
    public IHost CreateHost(bool runEngine, Action<IServiceCollection>? configure = null, string? prefix = null)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSidFlowConsole(ConsoleLevel);
        builder.Services.AddSidFlow(Configuration, StorageFor(prefix), AdminToken);
        builder.Services.AddLocalJobEngine(runEngine);
        configure?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>This session's account under another prefix (null: the session's own).</summary>
    public StorageOptions StorageFor(string? prefix) => prefix is null ? Storage : new StorageOptions
    {
        ConnectionString = Storage.ConnectionString,
        BlobServiceUri = Storage.BlobServiceUri,
        QueueServiceUri = Storage.QueueServiceUri,
        TableServiceUri = Storage.TableServiceUri,
        ManagedIdentityClientId = Storage.ManagedIdentityClientId,
        Prefix = prefix,
    };

    public async ValueTask DisposeAsync()
    {
        if (_embedded is not null)
        {
            await _embedded.DisposeAsync();
        }

        LoggerFactory.Dispose();
    }
}
