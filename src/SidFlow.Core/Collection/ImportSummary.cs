namespace SidFlow.Core.Collection;

public sealed record ImportSummary(
    string Root,
    int Files,
    int SidFiles,
    int Uploaded,
    int Unchanged,
    int CatalogRowsWritten,
    IReadOnlyList<ImportFailure> Failures,
    TimeSpan Elapsed)
{
    public double FilesPerSecond => Elapsed.TotalSeconds > 0 ? Files / Elapsed.TotalSeconds : Files;
}

/// <summary>A SID file that did not parse: it is still uploaded and catalogued, with this error.</summary>
public sealed record ImportFailure(string Path, string Kind, string Message);
