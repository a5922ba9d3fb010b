namespace SidFlow.Core.Fetch;

/// <summary>The <c>hvsc</c> section of <c>.sidflow.json</c>.</summary>
public sealed class FetchOptions
{
    /// <summary>An HTTP(S) directory listing HVSC_NN-all-of-them.7z and HVSC_Update_NN.7z.</summary>
    public string Mirror { get; set; } = "https://hvsc.brona.dk/HVSC/";

    /// <summary>Where archives are downloaded to (a local temporary folder by default).</summary>
    public string? DownloadDirectory { get; set; }

    /// <summary>No byte for this long ends a download attempt; the next one resumes with HTTP Range.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromHours(2);
    public int MaxDownloadAttempts { get; set; } = 10;
    public TimeSpan ListingTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest single file accepted from an archive; HVSC's largest document is a few MB.</summary>
    public long MaxEntryBytes { get; set; } = 64L << 20;

    public string DownloadRoot => DownloadDirectory is { Length: > 0 } d ? d : System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sidflow-downloads");
}
