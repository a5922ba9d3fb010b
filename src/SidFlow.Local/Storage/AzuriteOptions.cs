namespace SidFlow.Local.Storage;

public sealed record AzuriteOptions
{
    /// <summary>Folder for Azurite's data; null keeps everything in memory.</summary>
    public string? Location { get; init; }

    /// <summary>0 lets the operating system pick a free port.</summary>
    public int BlobPort { get; init; }
    public int QueuePort { get; init; }
    public int TablePort { get; init; }

    /// <summary>The azurite launcher; null finds <c>node_modules/.bin/azurite</c> above the working directory or the app.</summary>
    public string? Executable { get; init; }

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
