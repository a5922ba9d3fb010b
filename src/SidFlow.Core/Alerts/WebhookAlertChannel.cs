using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace SidFlow.Core.Alerts;

/// <summary>POSTs the payload as JSON to <c>alerts.webhookUrl</c>: bounded attempts, each with a timeout, a doubling pause between them.</summary>
public sealed class WebhookAlertChannel(HttpClient http, IOptions<AlertOptions> options, TimeProvider time) : IAlertChannel
{
    public string Name => "webhook";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Value.WebhookUrl);

    public async Task<string?> DeliverAsync(AlertPayload alert, CancellationToken cancellationToken)
    {
        AlertOptions o = options.Value;
        if (!Uri.TryCreate(o.WebhookUrl, UriKind.Absolute, out Uri? url) || url.Scheme is not ("http" or "https"))
        {
            return "alerts.webhookUrl is not an http(s) URL";
        }

        string? failure = null;
        TimeSpan pause = TimeSpan.FromSeconds(1);
        for (int attempt = 1; attempt <= Math.Max(1, o.WebhookAttempts); attempt++)
        {
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bound.CancelAfter(o.DeliveryTimeout);
            try
            {
                using HttpResponseMessage response = await http.PostAsJsonAsync(url, alert, bound.Token);
                if (response.IsSuccessStatusCode)
                {
                    return null;
                }

                failure = $"the webhook answered {(int)response.StatusCode}";
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                failure = ex is OperationCanceledException ? $"the webhook did not answer within {o.DeliveryTimeout.TotalSeconds:0} s" : ex.Message;
            }

            if (attempt < o.WebhookAttempts)
            {
                await Task.Delay(pause, time, cancellationToken);
                pause *= 2;
            }
        }

        return $"{failure} (gave up after {o.WebhookAttempts} attempts)";
    }
}
