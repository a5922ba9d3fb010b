using Microsoft.Extensions.Logging.Abstractions;
using SidFlow.Core.Catalog;
using SidFlow.Core.Collection;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Storage.Tests.Collection;

public sealed class CollectionImportTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ImportAsync_SampleTree_CountsMatchAndSecondRunUploadsNothing()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        StorageClients storage = await azurite.CreateStorageAsync(ct);
        var collection = new BlobCollectionStore(storage);
        var catalog = new TableCatalogStore(storage);
        var importer = new CollectionImporter(collection, catalog, NullLogger<CollectionImporter>.Instance);
        int filesOnDisk = Directory.EnumerateFiles(RepositoryPaths.C64Music, "*", SearchOption.AllDirectories).Count();
        int sidsOnDisk = RepositoryPaths.AllSampleSids().Count();

        ImportSummary first = await importer.ImportAsync(RepositoryPaths.HvscSample, null, ct);

        Assert.Equal(filesOnDisk, first.Files);
        Assert.Equal(sidsOnDisk, first.SidFiles);
        Assert.Equal(filesOnDisk, first.Uploaded);
        Assert.Equal(sidsOnDisk, first.CatalogRowsWritten);
        Assert.Empty(first.Failures);
        Assert.Equal(filesOnDisk, await collection.ListAsync(null, ct).CountAsync(ct));
        Assert.Equal(sidsOnDisk, (await catalog.GetFingerprintsAsync(ct)).Count);

        CatalogEntry delta = (await catalog.GetAsync("MUSICIANS/C/Chiummo_Gaetano/Waterfall_3SID.sid", ct))!;
        Assert.Equal(3, delta.SidChipCount);
        Assert.Equal(0xD440, delta.ThirdSidAddress);
        Assert.Equal("25d1addbe846c3a94cb786c67fffdc9c", delta.Md5);

        CatalogEntry cover = (await catalog.GetAsync("DEMOS/A-F/April_Ranking.sid", ct))!;
        Assert.Equal("We Didn't Start the Fire [from Storm Front]", cover.StilTitle);
        CatalogEntry multi = (await catalog.GetAsync("DEMOS/A-F/Final_Demo_II.sid", ct))!;
        Assert.Equal("Papa Don't Preach [from True Blue]", multi.StilSubtuneTitles[1]);
        Assert.Equal("Blue Monday", multi.StilSubtuneTitles[4]);

        ImportSummary second = await importer.ImportAsync(RepositoryPaths.C64Music, null, ct);

        Assert.Equal(0, second.Uploaded);
        Assert.Equal(0, second.CatalogRowsWritten);
        Assert.Equal(filesOnDisk, second.Unchanged);
    }

    [Fact]
    public async Task ImportAsync_ChangedFile_IsUploadedAgainAndItsRowUpdated()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        StorageClients storage = await azurite.CreateStorageAsync(ct);
        var collection = new BlobCollectionStore(storage);
        var catalog = new TableCatalogStore(storage);
        var importer = new CollectionImporter(collection, catalog, NullLogger<CollectionImporter>.Instance);
        using var tree = new TempDirectory();
        string dir = tree.Combine("C64Music", "MUSICIANS", "T", "Tester");
        Directory.CreateDirectory(dir);
        Directory.CreateDirectory(tree.Combine("C64Music", "DOCUMENTS"));
        await File.WriteAllBytesAsync(Path.Combine(dir, "One.sid"), new PsidBuilder { Name = "One" }.Build(), ct);
        await File.WriteAllBytesAsync(Path.Combine(dir, "Two.sid"), new PsidBuilder { Name = "Two", Songs = 2 }.Build(), ct);
        await File.WriteAllBytesAsync(Path.Combine(dir, "Broken.sid"), "not a sid at all"u8.ToArray(), ct);
        await File.WriteAllTextAsync(tree.Combine("C64Music", "DOCUMENTS", "Songlengths.md5"), "[Database]\n", ct);
        await importer.ImportAsync(tree.Path, null, ct);

        byte[] changed = new PsidBuilder { Name = "Two, fixed", Songs = 3 }.Build();
        await File.WriteAllBytesAsync(Path.Combine(dir, "Two.sid"), changed, ct);
        string md5 = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(changed));
        await File.WriteAllTextAsync(tree.Combine("C64Music", "DOCUMENTS", "Songlengths.md5"), $"[Database]\n; /MUSICIANS/T/Tester/Two.sid\n{md5}=0:10 0:20.5 1:00\n", ct);

        ImportSummary summary = await importer.ImportAsync(tree.Path, null, ct);

        Assert.Equal(2, summary.Uploaded); // Two.sid and Songlengths.md5
        Assert.Equal(1, summary.CatalogRowsWritten);
        CatalogEntry row = (await catalog.GetAsync("MUSICIANS/T/Tester/Two.sid", ct))!;
        Assert.Equal("Two, fixed", row.Name);
        Assert.Equal(3, row.Songs);
        Assert.Equal([10_000, 20_500, 60_000], row.SongLengthsMs);
        Assert.Equal(changed, await collection.ReadAsync("MUSICIANS/T/Tester/Two.sid", ct));
        ImportFailure failure = Assert.Single(summary.Failures);
        Assert.Equal("MUSICIANS/T/Tester/Broken.sid", failure.Path);
        CatalogEntry broken = (await catalog.GetAsync("MUSICIANS/T/Tester/Broken.sid", ct))!;
        Assert.Equal("TruncatedHeader", broken.ErrorKind);
        Assert.False(broken.IsValid);
    }
}
