using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SidFlow.Core.Catalog;
using SidFlow.Core.Collection;
using SidFlow.Core.Fetch;
using SidFlow.Core.Jobs;
using SidFlow.Emulation.Sid;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Core.Tests.Fetch;

public sealed class FetchJobTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(240);

    [Fact]
    public async Task Fetch_Update73FixtureOnRelease72_GivesRelease73ExactlyInBlobStorage()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { Configuration = AppOptions.FastJobs() });
        string fixture = RepositoryPaths.UpdateFixture;
        string before = Path.Combine(fixture, "before", "C64Music");
        string after = Path.Combine(fixture, "after", "C64Music");
        await UploadTreeAsync(app, before, ct);
        string[] emptyDirs = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(fixture, "expected.json"), ct))
            .RootElement.GetProperty("before_empty_dirs").EnumerateArray().Select(e => e.GetString()!).ToArray();
        await State(app).WriteVersionAsync(new HvscVersionRecord { Version = 72, BaseVersion = 72, EmptyDirectories = emptyDirs }, ct);

        JobRecord job = await app.Jobs.SubmitAsync("fetch", new JsonObject { ["source"] = Path.Combine(fixture, "update") }, JobPriority.High, "test", ct);
        JobRecord done = await app.WaitForEndAsync(job.Id, Long);

        Assert.True(done.Status == JobStatus.Completed, done.Metadata.Error);
        Dictionary<string, byte[]> expected = ReadTree(after);
        Dictionary<string, byte[]> actual = await ReadCollectionAsync(app, ct);
        Assert.Empty(expected.Keys.Except(actual.Keys));
        Assert.Empty(actual.Keys.Except(expected.Keys));
        Assert.Empty(expected.Where(e => !e.Value.AsSpan().SequenceEqual(actual[e.Key])).Select(e => e.Key));
        HvscVersionRecord version = (await State(app).ReadVersionAsync(ct))!;
        Assert.Equal(73, version.Version);
        Assert.Equal("Update73.hvs", version.Updates.Last().Name);
        Assert.Equal(expected.Keys.Count(k => k.EndsWith(".sid", StringComparison.OrdinalIgnoreCase)), (await Catalog(app).GetFingerprintsAsync(ct)).Count);
        Assert.Contains("Release 73: 903 files to write", await app.ReadLogAsync(job.Id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_MirrorWithBaseAndTwoUpdates_InstallsAllInOrderAndSecondFetchDownloadsNothing()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var folder = new TempDirectory("sidflow-mirror-");
        var release = new ReleaseBuilder(folder.Path);
        Releases r = await BuildReleasesAsync(release);
        await using LoopbackMirror mirror = await LoopbackMirror.StartAsync(folder.Path);
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions
        {
            Configuration = AppOptions.FastJobs(new Dictionary<string, string?> { ["hvsc:mirror"] = mirror.Url.ToString() }),
        });

        JobRecord first = await app.Jobs.SubmitAsync("fetch", null, JobPriority.High, "test", ct);
        JobRecord done = await app.WaitForEndAsync(first.Id, Long);

        Assert.True(done.Status == JobStatus.Completed, done.Metadata.Error);
        Dictionary<string, byte[]> actual = await ReadCollectionAsync(app, ct);
        Assert.Equal(r.Expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(r.Expected.Where(e => !e.Value.AsSpan().SequenceEqual(actual[e.Key])).Select(e => e.Key));
        HvscVersionRecord version = (await State(app).ReadVersionAsync(ct))!;
        Assert.Equal((76, 74), (version.Version, version.BaseVersion));
        Assert.Equal(["HVSC_Update_75.7z", "HVSC_Update_76.7z"], version.Updates.Select(u => u.Name));
        Assert.Equal(Sha256(Path.Combine(folder.Path, "HVSC_74-all-of-them.7z")), version.Base!.Sha256);
        Assert.Equal(Sha256(Path.Combine(folder.Path, "HVSC_Update_76.7z")), version.Updates[1].Sha256);
        CatalogEntry retitled = (await Catalog(app).GetAsync(r.RetitledPath, ct))!;
        Assert.Equal("Retitled in 75", retitled.Name);
        Assert.Equal([12_345], retitled.SongLengthsMs);
        Assert.Null(await Catalog(app).GetAsync(r.DeletedPath, ct));
        Assert.Equal(r.Expected.Keys.Count(k => k.EndsWith(".sid", StringComparison.Ordinal)), (await Catalog(app).GetFingerprintsAsync(ct)).Count);
        int downloads = mirror.ArchiveDownloads();
        Assert.Equal(3, downloads);

        JobRecord second = await app.Jobs.SubmitAsync("fetch", null, JobPriority.High, "test", ct);
        JobRecord again = await app.WaitForEndAsync(second.Id, Long);

        Assert.Equal(JobStatus.Completed, again.Status);
        Assert.Equal(0, again.Metadata.Progress.Total);
        Assert.Equal(downloads, mirror.ArchiveDownloads());
        Assert.True((await State(app).ReadVersionAsync(ct))!.CheckedAt >= version.CheckedAt);
    }

    [Fact]
    public async Task Fetch_ConnectionDropsHalfWay_ResumesWithRangeAndHashMatches()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var folder = new TempDirectory("sidflow-mirror-");
        string archive = await new ReleaseBuilder(folder.Path).BaseAsync(74, Files("DEMOS/A-F/", "DOCUMENTS/STIL.txt"));
        await using LoopbackMirror mirror = await LoopbackMirror.StartAsync(folder.Path);
        mirror.DropHalfWayOnce(Path.GetFileName(archive));
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions
        {
            Configuration = AppOptions.FastJobs(new Dictionary<string, string?> { ["hvsc:mirror"] = mirror.Url.ToString() }),
        });

        JobRecord job = await app.Jobs.SubmitAsync("fetch", null, JobPriority.High, "test", ct);
        JobRecord done = await app.WaitForEndAsync(job.Id, Long);

        Assert.True(done.Status == JobStatus.Completed, done.Metadata.Error);
        var archiveRequests = mirror.Requests.Where(q => q.Path.EndsWith(".7z", StringComparison.Ordinal)).ToArray();
        long half = new FileInfo(archive).Length / 2;
        Assert.Equal(2, archiveRequests.Length);
        Assert.Null(archiveRequests[0].Range);
        long from = long.Parse(archiveRequests[1].Range!["bytes=".Length..^1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(from, 1, half);
        Assert.Equal(Sha256(archive), (await State(app).ReadVersionAsync(ct))!.Base!.Sha256);
    }

    [Fact]
    public async Task Fetch_CorruptArchive_FailsAndChangesNothing()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var folder = new TempDirectory("sidflow-mirror-");
        var release = new ReleaseBuilder(folder.Path);
        string good = await release.UpdateAsync(75, "MOVE\n/update/new/x/\n/DEMOS/\n", Files("DEMOS/A-F/").ToDictionary(f => "new/x/" + Path.GetFileName(f.Key), f => f.Value));
        byte[] bytes = await File.ReadAllBytesAsync(good, ct);
        for (int i = bytes.Length / 3; i < bytes.Length / 3 + 64; i++)
        {
            bytes[i] ^= 0x5A;
        }

        await File.WriteAllBytesAsync(good, bytes, ct);
        (string error, RunningApp app) = await FailingFetchAsync(folder.Path, ct);
        await using (app)
        {
            Assert.Contains("HVSC_Update_75.7z", error, StringComparison.Ordinal);
            output.WriteLine(error);
        }
    }

    [Fact]
    public async Task Fetch_ArchiveWithParentDirectoryEntry_FailsNamingItAndChangesNothing()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var folder = new TempDirectory("sidflow-mirror-");
        using (ZipArchive zip = ZipFile.Open(Path.Combine(folder.Path, "HVSC_Update_75.zip"), ZipArchiveMode.Create))
        {
            await using (Stream s = await zip.CreateEntry("update/Update75.hvs").OpenAsync(ct))
            {
                await s.WriteAsync("DELETE\n/DEMOS/A-F/\n"u8.ToArray(), ct);
            }

            await using (Stream s = await zip.CreateEntry("../../evil.sid").OpenAsync(ct))
            {
                await s.WriteAsync(new PsidBuilder().Build(), ct);
            }
        }

        (string error, RunningApp app) = await FailingFetchAsync(folder.Path, ct);
        await using (app)
        {
            Assert.Contains("'../../evil.sid' is refused", error, StringComparison.Ordinal);
        }
    }

    /// <summary>A collection at release 74 with a catalog, then a fetch from the folder that must fail and leave everything as it was.</summary>
    private async Task<(string Error, RunningApp App)> FailingFetchAsync(string folder, CancellationToken ct)
    {
        RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions { Configuration = AppOptions.FastJobs() });
        await SampleImport.ImportAsync(app, [], ct, Files("DEMOS/0-9/", "DOCUMENTS/STIL.txt").Select(f => (f.Key, f.Value)).ToArray());
        var record = new HvscVersionRecord { Version = 74, BaseVersion = 74, CheckedAt = 1 };
        await State(app).WriteVersionAsync(record, ct);
        Dictionary<string, byte[]> collectionBefore = await ReadCollectionAsync(app, ct);
        IReadOnlyDictionary<string, string> catalogBefore = await Catalog(app).GetFingerprintsAsync(ct);

        JobRecord job = await app.Jobs.SubmitAsync("fetch", new JsonObject { ["source"] = folder }, JobPriority.High, "test", ct);
        JobRecord done = await app.WaitForEndAsync(job.Id, Long);

        Assert.Equal(JobStatus.Failed, done.Status);
        Dictionary<string, byte[]> collectionAfter = await ReadCollectionAsync(app, ct);
        Assert.Equal(collectionBefore.Keys.Order(), collectionAfter.Keys.Order());
        Assert.All(collectionBefore, kv => Assert.Equal(kv.Value, collectionAfter[kv.Key]));
        Assert.Equal(catalogBefore, await Catalog(app).GetFingerprintsAsync(ct));
        Assert.Equal(JsonSerializer.Serialize(record), JsonSerializer.Serialize(await State(app).ReadVersionAsync(ct)));
        Assert.Null(await State(app).ReadPlanAsync(ct));
        return (done.Metadata.Error!, app);
    }

    private sealed record Releases(Dictionary<string, byte[]> Expected, string RetitledPath, string DeletedPath);

    /// <summary>Release 74 (DEMOS/A-F and STIL), update 75 (fix, new GAMES/A-F, delete, retitle, rename, song lengths), update 76 (new MUSICIANS, credits).</summary>
    private static async Task<Releases> BuildReleasesAsync(ReleaseBuilder release)
    {
        Dictionary<string, byte[]> expected = Files("DEMOS/A-F/", "DOCUMENTS/STIL.txt");
        await release.BaseAsync(74, expected);
        string[] demos = expected.Keys.Where(k => k.StartsWith("DEMOS/", StringComparison.Ordinal) && IsNormalForm(expected[k])).Order(StringComparer.Ordinal).ToArray();
        string fixedPath = demos[0], deleted = demos[1], retitled = demos[2], renamed = demos[3];
        byte[] fix = ReleaseBuilder.Sample("MUSICIANS/H/Hubbard_Rob/Ricochet.sid");
        Dictionary<string, byte[]> games = Files("GAMES/A-F/");
        byte[] retitledBytes = WithText(expected[retitled], 0x16, "Retitled in 75");
        string retitledMd5 = Convert.ToHexStringLower(MD5.HashData(retitledBytes));
        byte[] songLengths = Encoding.ASCII.GetBytes($"[Database]\n; /{retitled}\n{retitledMd5}=0:12.345\n");
        string script75 = $"""
            # Resulting Version: 75
            #  Previous Version: 74
            REPLACE
            /update/fix/{fixedPath}
            /{HvscDir(fixedPath)}/

            MKDIR
            /GAMES/

            MOVE
            /update/new/GAMES/A-F/
            /GAMES/A-F/

            DELETE
            /{deleted}

            TITLE
            /{retitled}
            Retitled in 75

            MOVE
            /{renamed}
            /DEMOS/A-F/Renamed_in_75.sid

            REPLACE
            /update/DOCUMENTS/
            /DOCUMENTS/

            DELETE
            /update/fix/DEMOS/A-F/
            /update/fix/DEMOS/
            /update/fix/
            /update/new/GAMES/A-F/
            /update/new/GAMES/
            /update/new/
            /update/DOCUMENTS/
            """;
        var update75 = new Dictionary<string, byte[]>
        {
            [$"fix/{fixedPath}"] = fix,
            ["DOCUMENTS/Songlengths.md5"] = songLengths,
        };
        foreach ((string path, byte[] bytes) in games)
        {
            update75["new/" + path] = bytes;
        }

        await release.UpdateAsync(75, script75, update75);
        expected[fixedPath] = fix;
        expected.Remove(deleted);
        expected[retitled] = retitledBytes;
        expected["DEMOS/A-F/Renamed_in_75.sid"] = expected[renamed];
        expected.Remove(renamed);
        expected["DOCUMENTS/Songlengths.md5"] = songLengths;
        expected["DOCUMENTS/Update75.hvs"] = Encoding.Latin1.GetBytes(script75);
        foreach ((string path, byte[] bytes) in games)
        {
            expected[path] = bytes;
        }

        Dictionary<string, byte[]> zyron = Files("MUSICIANS/Z/");
        string credited = games.Keys.Where(k => IsNormalForm(games[k])).Order(StringComparer.Ordinal).First();
        string script76 = $"""
            # Resulting Version: 76
            #  Previous Version: 75
            MKDIR
            /MUSICIANS/
            /MUSICIANS/Z/

            MOVE
            /update/new/MUSICIANS/Z/
            /MUSICIANS/Z/

            CREDITS
            /{credited}
            Credited Tune
            Some Composer
            *

            DELETE
            /update/new/MUSICIANS/Z/
            /update/new/MUSICIANS/
            /update/new/
            """;
        // Only the files directly in MUSICIANS/Z/ would move; the sample keeps its tunes one level deeper, so flatten them.
        await release.UpdateAsync(76, script76, zyron.ToDictionary(z => "new/MUSICIANS/Z/" + Path.GetFileName(z.Key), z => z.Value));
        foreach ((string path, byte[] bytes) in zyron)
        {
            expected["MUSICIANS/Z/" + Path.GetFileName(path)] = bytes;
        }

        expected[credited] = WithText(WithText(expected[credited], 0x16, "Credited Tune"), 0x36, "Some Composer");
        expected["DOCUMENTS/Update76.hvs"] = Encoding.Latin1.GetBytes(script76);
        // Each update archive carries readme.1st at its top; the last one's stays.
        expected["readme.1st"] = Encoding.ASCII.GetBytes("HVSC update 76\r\n");
        return new Releases(expected, retitled, deleted);
    }

    private static string HvscDir(string path) => path[..path.LastIndexOf('/')];

    /// <summary>Files of the sample under the given prefixes (or exact paths), by collection path.</summary>
    private static Dictionary<string, byte[]> Files(params string[] prefixes) =>
        RepositoryPaths.AllSampleSids().Concat(Directory.EnumerateFiles(Path.Combine(RepositoryPaths.C64Music, "DOCUMENTS")))
            .Select(f => (Path: RepositoryPaths.HvscPathOf(f), Full: f))
            .Where(f => prefixes.Any(p => p.EndsWith('/') ? f.Path.StartsWith(p, StringComparison.Ordinal) : f.Path == p))
            .ToDictionary(f => f.Path, f => File.ReadAllBytes(f.Full), StringComparer.Ordinal);

    /// <summary>HVSC's normal form, in which a header edit changes only the edited field (so expectations can be written by hand).</summary>
    private static bool IsNormalForm(byte[] bytes) =>
        SidFile.TryParse(bytes, out SidFile? sid, out _) && sid!.Version >= 2 && sid.HeaderLoadAddress == 0 && sid.InitAddress != 0 && (bytes[0x76] & 0xFC) == bytes[0x76] - (bytes[0x76] & 3) && bytes[0x76] < 4;

    private static byte[] WithText(byte[] bytes, int offset, string text)
    {
        byte[] copy = (byte[])bytes.Clone();
        Array.Clear(copy, offset, 32);
        Encoding.Latin1.GetBytes(text).CopyTo(copy, offset);
        return copy;
    }

    private static string Sha256(string file) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));

    private static Dictionary<string, byte[]> ReadTree(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllBytes, StringComparer.Ordinal);

    private static async Task UploadTreeAsync(RunningApp app, string root, CancellationToken ct)
    {
        ICollectionStore collection = app.Services.GetRequiredService<ICollectionStore>();
        await Parallel.ForEachAsync(ReadTree(root), ct, async (f, c) => await collection.WriteAsync(f.Key, f.Value, c));
    }

    private static async Task<Dictionary<string, byte[]>> ReadCollectionAsync(RunningApp app, CancellationToken ct)
    {
        ICollectionStore collection = app.Services.GetRequiredService<ICollectionStore>();
        var result = new System.Collections.Concurrent.ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(collection.ListAsync(null, ct), ct, async (f, c) => result[f.Path] = (await collection.ReadAsync(f.Path, c))!);
        return new Dictionary<string, byte[]>(result, StringComparer.Ordinal);
    }

    private static IHvscStateStore State(RunningApp app) => app.Services.GetRequiredService<IHvscStateStore>();

    private static ICatalogStore Catalog(RunningApp app) => app.Services.GetRequiredService<ICatalogStore>();
}
