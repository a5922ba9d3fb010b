using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SidFlow.Functions.Hosting;
using SidFlow.Storage;
using SidFlow.Testing;

namespace SidFlow.Functions.Tests;

/// <summary>The real app on Kestrel at 127.0.0.1 on a free port, over its own prefix in the shared Azurite.</summary>
public sealed class RunningApp : IAsyncDisposable
{
    public const string Token = "test-admin-token-0123456789";

    private readonly WebApplication _app;

    private RunningApp(WebApplication app, StorageClients storage)
    {
        _app = app;
        Storage = storage;
        BaseAddress = new Uri(app.Urls.First());
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Admin = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    public Uri BaseAddress { get; }
    public HttpClient Client { get; }
    public HttpClient Admin { get; }
    public StorageClients Storage { get; }
    public IServiceProvider Services => _app.Services;

    public static async Task<RunningApp> StartAsync(AzuriteFixture azurite, IDictionary<string, string?>? configuration = null, string? prefix = null)
    {
        StorageOptions options = azurite.Options(prefix ?? azurite.NewPrefix());
        IConfigurationRoot config = new ConfigurationBuilder().AddInMemoryCollection(configuration ?? new Dictionary<string, string?>()).Build();
        WebApplication app = SidFlowWebApp.Build(new WebAppSettings(config, options, new AdminToken(Token), "http://127.0.0.1:0")
        {
            ConsoleLogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
        });
        await app.StartAsync();
        return new RunningApp(app, app.Services.GetRequiredService<StorageClients>());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Admin.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
