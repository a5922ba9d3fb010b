namespace SidFlow.Core.Alerts;

/// <summary>The guide's <c>alerts</c> section, with an SMTP block for e-mail.</summary>
public sealed class AlertOptions
{
    public const string Section = "alerts";

    public bool Enabled { get; set; } = true;

    /// <summary>POSTed the guide's payload; empty = no webhook.</summary>
    public string? WebhookUrl { get; set; }

    public List<string> EmailRecipients { get; set; } = [];

    public AlertThresholds Thresholds { get; set; } = new();

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>How often conditions are evaluated (the Functions app's timer: every minute).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Attempts per webhook delivery, with a doubling pause from one second between them.</summary>
    public int WebhookAttempts { get; set; } = 3;

    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

public sealed class AlertThresholds
{
    public double MaxSessionFailureRate { get; set; } = 0.1;
    public long MaxCacheAgeMs { get; set; } = 604_800_000;
    public long MaxJobStallMs { get; set; } = 3_600_000;
    public double MaxCpuPercent { get; set; } = 80;
    public double MaxMemoryPercent { get; set; } = 90;
}

/// <summary>E-mail delivery; the password comes from the environment (<c>"password": "${SMTP_PASSWORD}"</c>).</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;

    /// <summary><c>starttls</c> (default), <c>ssl</c> (TLS from the first byte) or <c>none</c> (loopback relays only).</summary>
    public string Tls { get; set; } = "starttls";

    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "sidflow@localhost";
}
