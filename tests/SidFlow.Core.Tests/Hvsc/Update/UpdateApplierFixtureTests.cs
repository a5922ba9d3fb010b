using System.Security.Cryptography;
using System.Text.Json;
using SidFlow.Core.Hvsc.Update;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Core.Tests.Hvsc.Update;

/// <summary>The real update 72 to 73: before plus update must give after, every byte and every path.</summary>
public sealed class UpdateApplierFixtureTests
{
    private static string Fixture => RepositoryPaths.UpdateFixture;

    [Fact]
    public async Task Apply_Update73OnVersion72_GivesVersion73Exactly()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string before = Path.Combine(Fixture, "before", "C64Music");
        string update = Path.Combine(Fixture, "update");
        string after = Path.Combine(Fixture, "after", "C64Music");
        string[] emptyDirs = JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixture, "expected.json")))
            .RootElement.GetProperty("before_empty_dirs").EnumerateArray().Select(e => e.GetString()!).ToArray();

        var files = Relative(before).Select(p => (p, (FileContent)new StoredContent(p, Md5(Path.Combine(before, p)), 0))).ToList();
        files.AddRange(Relative(update).Select(p => ("update/" + p, (FileContent)new StagedContent("update/" + p, Md5(Path.Combine(update, p)), 0))));
        CollectionTree tree = CollectionTree.Create(files, emptyDirs);
        Task<byte[]> Read(FileContent c, CancellationToken _) => Task.FromResult(c switch
        {
            StoredContent s => File.ReadAllBytes(Path.Combine(before, s.Path)),
            StagedContent s => File.ReadAllBytes(Path.Combine(Fixture, s.Blob)),
            InlineContent i => i.Bytes,
            _ => throw new InvalidOperationException(),
        });
        UpdateScript script = UpdateScript.Parse(File.ReadAllBytes(Path.Combine(update, "Update73.hvs")), "Update73.hvs");
        var applier = new UpdateApplier(tree, Read);

        await applier.ApplyAsync(script, "update/Update73.hvs", ct);
        tree.RemoveTree("update");

        Assert.Empty(applier.Errors);
        Assert.Equal((73, 72), (script.ResultingVersion, script.PreviousVersion));
        var expected = Relative(after).ToHashSet(StringComparer.Ordinal);
        var actual = tree.Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(expected.Except(actual));
        Assert.Empty(actual.Except(expected));
        var wrong = new List<string>();
        foreach ((string path, FileContent content) in tree.Files)
        {
            byte[] bytes = await Read(content, ct);
            if (!bytes.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(after, path))))
            {
                wrong.Add(path);
            }
        }

        Assert.Empty(wrong);
        Assert.Equal(903, actual.Count);
    }

    private static IEnumerable<string> Relative(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'));

    private static string Md5(string file) => Convert.ToHexStringLower(MD5.HashData(File.ReadAllBytes(file)));
}
