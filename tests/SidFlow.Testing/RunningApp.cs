using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SidFlow.Api.Security;
using SidFlow.Core.Jobs;
using SidFlow.Local.Hosting;
using SidFlow.Pipeline.Jobs;
using SidFlow.Storage;

namespace SidFlow.Testing;

/// <summary>How a test wants the app: its configuration, storage prefix (shared = several instances), extra services.</summary>
public sealed record AppOptions
{
    public IDictionary<string, string?> Configuration { get; init; } = new Dictionary<string, string?>();
    public string? Prefix { get; init; }
    public Action<IServiceCollection>? ConfigureServices { get; init; }
    public bool RunJobEngine { get; init; } = true;
    public StorageOptions? Storage { get; init; }

    /// <summary>Named admin tokens besides <see cref="RunningApp.Token"/> (which is <c>admin</c>).</summary>
    public IReadOnlyList<(string Name, string Token)> MoreAdminTokens { get; init; } = [];

    /// <summary>Where the access log files go; none when null.</summary>
    public string? AccessLogDirectory { get; init; }

    /// <summary>Engine timings that make tests quick: short backoff, few attempts, frequent admission.</summary>
    public static IDictionary<string, string?> FastJobs(IDictionary<string, string?>? more = null)
    {
        var config = new Dictionary<string, string?>
        {
            ["jobs:RetryBaseDelay"] = "00:00:00.200",
            ["jobs:RetryMaxDelay"] = "00:00:01",
            ["jobs:MaxDequeueCount"] = "3",
            ["jobs:AdmissionInterval"] = "00:00:01",
            ["jobs:MaxQueuePollingInterval"] = "00:00:00.500",
        };
        foreach ((string k, string? v) in more ?? new Dictionary<string, string?>())
        {
            config[k] = v;
        }

        return config;
    }
}

/// <summary>The real app on Kestrel at 127.0.0.1 on a free port, over its own prefix in the shared Azurite.</summary>
public sealed class RunningApp : IAsyncDisposable
{
    public const string Token = "test-admin-token-0123456789";

    private readonly WebApplication _app;
    private readonly AsyncServiceScope _scope;

    private RunningApp(WebApplication app, string prefix)
    {
        _app = app;
        _scope = app.Services.CreateAsyncScope();
        Prefix = prefix;
        Storage = app.Services.GetRequiredService<StorageClients>();
        BaseAddress = new Uri(app.Urls.First());
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Admin = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    public Uri BaseAddress { get; }
    public HttpClient Client { get; }
    public HttpClient Admin { get; }
    public StorageClients Storage { get; }
    public string Prefix { get; }
    public IServiceProvider Services => _app.Services;
    /// <summary>The job service of a scope that lives as long as the app.</summary>
    public JobService Jobs => _scope.ServiceProvider.GetRequiredService<JobService>();

    public static Task<RunningApp> StartAsync(AzuriteFixture azurite, IDictionary<string, string?>? configuration = null, string? prefix = null) =>
        StartAsync(azurite, new AppOptions { Configuration = configuration ?? new Dictionary<string, string?>(), Prefix = prefix });

    public static async Task<RunningApp> StartAsync(AzuriteFixture azurite, AppOptions options)
    {
        string prefix = options.Prefix ?? azurite.NewPrefix();
        StorageOptions storage = options.Storage ?? azurite.Options(prefix);
        IConfigurationRoot config = new ConfigurationBuilder().AddInMemoryCollection(options.Configuration).Build();
        WebApplication app = LocalWebApp.Build(new WebAppSettings(config, storage, new AdminToken(options.MoreAdminTokens.Prepend((AdminToken.DefaultName, Token))), "http://127.0.0.1:0")
        {
            ConsoleLogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
            ConfigureServices = options.ConfigureServices,
            RunJobEngine = options.RunJobEngine,
            AccessLogDirectory = options.AccessLogDirectory,
        });
        await app.StartAsync();
        return new RunningApp(app, prefix);
    }

    /// <summary>Polls the job until the condition holds; fails the test with the job's state when it does not in time.</summary>
    public async Task<JobRecord> WaitForJobAsync(string id, Func<JobRecord, bool> condition, TimeSpan timeout) =>
        (await Eventually.HoldsAsync(() => Jobs.GetAsync(id, CancellationToken.None), j => j is not null && condition(j), timeout,
            $"job {id} reaching the expected state"))!;

    public Task<JobRecord> WaitForEndAsync(string id, TimeSpan timeout) => WaitForJobAsync(id, j => j.Status.IsTerminal(), timeout);

    /// <summary>Submits a render with the guide's body, fails unless it is accepted (202), and waits for the job's end.</summary>
    public async Task<JobRecord> RenderAsync(JsonObject body, TimeSpan timeout, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await Admin.PostAsJsonAsync("/api/admin/render", body, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"the render was not accepted: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        string id = (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!["job"]!["id"]!.GetValue<string>();
        return await WaitForEndAsync(id, timeout);
    }

    /// <summary>The job's whole log as written so far.</summary>
    public async Task<string> ReadLogAsync(string id) => (await Services.GetRequiredService<IJobLog>().ReadAsync(id, 0, CancellationToken.None)).Text;

    /// <summary>The state of the job's orchestration instance as the Durable client sees it.</summary>
    public async Task<OrchestrationSnapshot?> OrchestrationAsync(string instanceId) =>
        await Services.GetRequiredService<IJobOrchestrations>().GetAsync(instanceId, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        Client.Dispose();
        Admin.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
