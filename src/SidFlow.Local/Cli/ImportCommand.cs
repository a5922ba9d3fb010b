using System.CommandLine;
using SidFlow.Core.Collection;

namespace SidFlow.Local.Cli;

public static class ImportCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("source") { Description = "A local HVSC tree (the C64Music folder or a folder holding it)" };
        var command = new Command("import", "Upload a local HVSC tree to the collection and catalogue every SID file") { source };
        command.SetAction(async (parse, ct) =>
        {
            await using AppSession session = await AppSession.OpenAsync(LogLevel.Warning, ct);
            await using EngineSession client = await EngineSession.StartAsync(session, ct, runEngine: false);
            ImportSummary summary = await RunImportAsync(client.Services.GetRequiredService<CollectionImporter>(), parse.GetValue(source)!, ct);
            return summary.Files > 0 ? 0 : 1;
        });
        return command;
    }

    public static async Task<ImportSummary> RunImportAsync(CollectionImporter importer, string source, CancellationToken ct)
    {
        ImportSummary summary = await ProgressDisplay.RunAsync("Importing", progress =>
            importer.ImportAsync(source, new InlineProgress<ImportProgress>(p => progress.Report(new ProgressUpdate(p.Processed, p.Total, p.CurrentPath))), ct));
        Console.WriteLine($"Imported {summary.Root}: {summary.Files} files ({summary.SidFiles} SID) in {summary.Elapsed.TotalSeconds:0.0} s, " +
                          $"{summary.FilesPerSecond:0} files/s; {summary.Uploaded} uploaded, {summary.Unchanged} unchanged, " +
                          $"{summary.CatalogRowsWritten} catalog rows written, {summary.Failures.Count} unparseable");
        foreach (ImportFailure failure in summary.Failures.Take(20))
        {
            Console.WriteLine($"  unparseable: {failure.Path}: {failure.Message}");
        }

        return summary;
    }
}

/// <summary>An <see cref="IProgress{T}"/> that calls straight through.</summary>
public sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
