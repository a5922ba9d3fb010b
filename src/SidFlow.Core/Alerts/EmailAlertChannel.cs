using System.Text.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace SidFlow.Core.Alerts;

/// <summary>Sends the alert to <c>alerts.emailRecipients</c> through <c>alerts.smtp</c> (MailKit), within the delivery timeout.</summary>
public sealed class EmailAlertChannel(IOptions<AlertOptions> options) : IAlertChannel
{
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true };

    public string Name => "email";

    public bool IsConfigured => options.Value.EmailRecipients.Count > 0 && !string.IsNullOrWhiteSpace(options.Value.Smtp.Host);

    public async Task<string?> DeliverAsync(AlertPayload alert, CancellationToken cancellationToken)
    {
        AlertOptions o = options.Value;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(o.Smtp.From));
        foreach (string recipient in o.EmailRecipients)
        {
            message.To.Add(MailboxAddress.Parse(recipient));
        }

        message.Subject = $"[SidFlow {alert.Severity}] {alert.Component}: {alert.Message}";
        message.Body = new TextPart("plain") { Text = alert.Message + "\n\n" + JsonSerializer.Serialize(alert, Pretty) };
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(o.DeliveryTimeout);
        using var smtp = new SmtpClient { Timeout = (int)o.DeliveryTimeout.TotalMilliseconds };
        try
        {
            SecureSocketOptions tls = o.Smtp.Tls switch
            {
                "none" => SecureSocketOptions.None,
                "ssl" => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.StartTls,
            };
            await smtp.ConnectAsync(o.Smtp.Host ?? string.Empty, o.Smtp.Port, tls, bound.Token);
            if (!string.IsNullOrEmpty(o.Smtp.User))
            {
                await smtp.AuthenticateAsync(o.Smtp.User, o.Smtp.Password ?? string.Empty, bound.Token);
            }

            await smtp.SendAsync(message, bound.Token);
            await smtp.DisconnectAsync(quit: true, bound.Token);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return ex is OperationCanceledException ? $"the SMTP server did not finish within {o.DeliveryTimeout.TotalSeconds:0} s" : $"SMTP: {ex.Message}";
        }
    }
}
