using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.JSInterop;

namespace SidFlow.Web.Feedback;

/// <summary>
/// The player's feedback on its way to POST /api/feedback/batch: events are queued as they happen (kept in
/// localStorage, so a reload or going offline loses none), sent in batches shortly after, and removed only once
/// the server has accepted them. A batch that fails to arrive is sent again, whole, with the same event ids, so the
/// server stores each event once however often it is sent.
/// </summary>
public sealed class FeedbackQueue : IAsyncDisposable
{
    private const string Key = "sidflow.feedback.pending";
    private const int MaxBatch = 100;
    private static readonly TimeSpan SendDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http;
    private readonly IJSInProcessRuntime _js;
    private readonly List<PlayerEvent> _pending;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Task _sender;

    public FeedbackQueue(HttpClient http, IJSRuntime js)
    {
        _http = http;
        _js = (IJSInProcessRuntime)js;
        string? saved = _js.Invoke<string?>("localStorage.getItem", Key);
        _pending = string.IsNullOrEmpty(saved) ? [] : JsonSerializer.Deserialize<List<PlayerEvent>>(saved, Json) ?? [];
        _sender = SendLoopAsync(_stop.Token);
        if (_pending.Count > 0)
        {
            _wake.Release();
        }
    }

    /// <summary>Events not yet accepted by the server.</summary>
    public int Pending => _pending.Count;

    /// <summary>Events the server accepted since the page opened.</summary>
    public int Sent { get; private set; }

    /// <summary>Batches that did not arrive (offline, server error) and wait to be sent again.</summary>
    public int FailedAttempts { get; private set; }

    public event Action? Changed;

    public void Add(PlayerEvent e)
    {
        _pending.Add(e);
        Save();
        _wake.Release();
        Changed?.Invoke();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _wake.Release();
        try
        {
            await _sender;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        _wake.Dispose();
    }

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        TimeSpan retry = TimeSpan.FromSeconds(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            await _wake.WaitAsync(cancellationToken);
            // Events that come close together go in one batch.
            await Task.Delay(SendDelay, cancellationToken);
            while (_pending.Count > 0 && !cancellationToken.IsCancellationRequested)
            {
                PlayerEvent[] batch = _pending.Take(MaxBatch).ToArray();
                bool done = await TrySendAsync(batch, cancellationToken);
                if (done)
                {
                    _pending.RemoveRange(0, batch.Length);
                    Save();
                    Sent += batch.Length;
                    retry = TimeSpan.FromSeconds(1);
                    Changed?.Invoke();
                    continue;
                }

                FailedAttempts++;
                Changed?.Invoke();
                await Task.Delay(retry, cancellationToken);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, MaxRetryDelay.Ticks));
            }

            while (_wake.CurrentCount > 0)
            {
                await _wake.WaitAsync(cancellationToken);
            }
        }
    }

    /// <summary>True when the batch is done with: accepted, or refused as it stands (4xx: sending it again cannot help).</summary>
    private async Task<bool> TrySendAsync(PlayerEvent[] batch, CancellationToken cancellationToken)
    {
        try
        {
            using HttpResponseMessage response = await _http.PostAsJsonAsync("api/feedback/batch", new { events = batch }, Json, cancellationToken);
            int status = (int)response.StatusCode;
            return response.IsSuccessStatusCode || (status is >= 400 and < 500 && response.StatusCode != HttpStatusCode.TooManyRequests);
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private void Save() => _js.InvokeVoid("localStorage.setItem", Key, JsonSerializer.Serialize(_pending, Json));
}
