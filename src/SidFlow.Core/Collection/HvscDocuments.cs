using SidFlow.Core.Hvsc;

namespace SidFlow.Core.Collection;

/// <summary>The song-length database and STIL of a collection, read from its <c>DOCUMENTS/</c> folder.</summary>
public sealed record HvscDocuments(SongLengthDatabase SongLengths, StilDatabase Stil)
{
    public const string SongLengthsPath = "DOCUMENTS/Songlengths.md5";
    public const string StilPath = "DOCUMENTS/STIL.txt";

    public static HvscDocuments Empty { get; } = new(SongLengthDatabase.Empty, StilDatabase.Empty);

    public static async Task<HvscDocuments> LoadAsync(LocalCollectionTree tree, CancellationToken cancellationToken)
    {
        SongLengthDatabase lengths = SongLengthDatabase.Empty;
        StilDatabase stil = StilDatabase.Empty;
        if (tree.DocumentPath("Songlengths.md5") is { } lengthsFile)
        {
            await using FileStream s = File.OpenRead(lengthsFile);
            lengths = await SongLengthDatabase.LoadAsync(s, cancellationToken);
        }

        if (tree.DocumentPath("STIL.txt") is { } stilFile)
        {
            await using FileStream s = File.OpenRead(stilFile);
            stil = await StilDatabase.LoadAsync(s, cancellationToken);
        }

        return new HvscDocuments(lengths, stil);
    }

    public static async Task<HvscDocuments> LoadAsync(ICollectionStore store, CancellationToken cancellationToken)
    {
        byte[]? lengthBytes = await store.ReadAsync(SongLengthsPath, cancellationToken);
        byte[]? stilBytes = await store.ReadAsync(StilPath, cancellationToken);
        return new HvscDocuments(
            lengthBytes is null ? SongLengthDatabase.Empty : SongLengthDatabase.Parse(System.Text.Encoding.Latin1.GetString(lengthBytes)),
            stilBytes is null ? StilDatabase.Empty : StilDatabase.Parse(System.Text.Encoding.Latin1.GetString(stilBytes)));
    }
}
