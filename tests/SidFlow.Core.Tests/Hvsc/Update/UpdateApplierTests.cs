using SidFlow.Core.Hvsc.Update;
using Xunit;

namespace SidFlow.Core.Tests.Hvsc.Update;

/// <summary>SPEC.md's operation rules on small trees.</summary>
public sealed class UpdateApplierTests
{
    private static FileContent C(string name) => new StagedContent(name, name, 1);

    private static async Task<(CollectionTree Tree, UpdateApplier Applier)> RunAsync(string script, params string[] files)
    {
        CollectionTree tree = CollectionTree.Create(files.Select(f => (f, C(f))).Append(("update/Update99.hvs", C("script"))), ["EMPTY"]);
        var applier = new UpdateApplier(tree, (_, _) => throw new InvalidOperationException("no header edits here"));
        await applier.ApplyAsync(UpdateScript.Parse(script, "Update99.hvs"), "update/Update99.hvs", CancellationToken.None);
        return (tree, applier);
    }

    private static string[] Paths(CollectionTree tree) => tree.Files.Select(f => f.Path).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task Move_FileIntoExistingDirectoryOfOtherCase_KeepsStoredCaseAndSourceName()
    {
        (CollectionTree tree, UpdateApplier applier) = await RunAsync("MOVE\n/update/new/Tune.SID\n/musicians/a/\n", "update/new/Tune.SID", "MUSICIANS/A/Old.sid");

        Assert.Empty(applier.Errors);
        Assert.Equal(["DOCUMENTS/Update99.hvs", "MUSICIANS/A/Old.sid", "MUSICIANS/A/Tune.SID"], Paths(tree));
    }

    [Fact]
    public async Task Move_OntoExistingFile_IsAnErrorAndSourceStays()
    {
        (CollectionTree tree, UpdateApplier applier) = await RunAsync("MOVE\n/A/x.sid\n/B/X.SID\n", "A/x.sid", "B/x.sid");

        Assert.Equal("Line 2, MOVE: B/x.sid exists already", Assert.Single(applier.Errors).ToString());
        Assert.Contains("A/x.sid", Paths(tree));
        Assert.Contains("update/Update99.hvs", Paths(tree));
    }

    [Fact]
    public async Task Replace_OntoExistingFileOfOtherCase_RemovesItFirst()
    {
        (CollectionTree tree, UpdateApplier applier) = await RunAsync("REPLACE\n/A/x.sid\n/B/X.SID\n", "A/x.sid", "B/x.sid");

        Assert.Empty(applier.Errors);
        Assert.Equal(["B/X.SID", "DOCUMENTS/Update99.hvs"], Paths(tree));
    }

    [Fact]
    public async Task Move_DirectoryToNewDirectory_MovesOnlyDirectFilesAndKeepsSource()
    {
        (CollectionTree tree, UpdateApplier applier) = await RunAsync("MOVE\n/update/new/D/\n/NEW/\n",
            "update/new/D/a.sid", "update/new/D/b.sid", "update/new/D/Sub/c.sid");

        Assert.Empty(applier.Errors);
        Assert.Equal(["DOCUMENTS/Update99.hvs", "NEW/a.sid", "NEW/b.sid", "update/new/D/Sub/c.sid"], Paths(tree));
        Assert.NotNull(tree.FindDirectory("update/new/D"));
    }

    [Fact]
    public async Task Move_IntoMissingParent_IsAnError()
    {
        (_, UpdateApplier applier) = await RunAsync("MOVE\n/a.sid\n/NO/SUCH/\n", "a.sid");

        Assert.Equal("Line 2, MOVE: the parent of /NO/SUCH/ does not exist", Assert.Single(applier.Errors).ToString());
    }

    [Fact]
    public async Task Delete_NonEmptyDirectory_IsAnErrorButEmptyOneGoes()
    {
        (CollectionTree tree, UpdateApplier applier) = await RunAsync("DELETE\n/A/\n/EMPTY/\n/missing.sid\n", "A/x.sid");

        Assert.Equal(["Line 2, DELETE: /A/ is not empty", "Line 4, DELETE: /missing.sid does not exist"], applier.Errors.Select(e => e.ToString()));
        Assert.Null(tree.FindDirectory("EMPTY"));
    }

    [Fact]
    public async Task Mkdir_ThenMove_CreatesDirectoryOnce()
    {
        (CollectionTree tree, UpdateApplier applier) = await RunAsync("MKDIR\n/A/New/\n/A/New/\nMOVE\n/A/x.sid\n/A/New/\n", "A/x.sid");

        Assert.Empty(applier.Errors);
        Assert.Contains("A/New/x.sid", Paths(tree));
    }

    [Fact]
    public async Task Command_PathLeavingCollection_IsAnError()
    {
        (_, UpdateApplier applier) = await RunAsync("MOVE\n/update/new/a.sid\n/../../etc/\n", "update/new/a.sid");

        Assert.Equal("Line 2, MOVE: /../../etc/ leaves the collection", Assert.Single(applier.Errors).ToString());
    }

    [Fact]
    public async Task EmptyDirectories_AfterMovingAllFilesOut_AreRemembered()
    {
        (CollectionTree tree, _) = await RunAsync("MOVE\n/A/x.sid\n/B/\n", "A/x.sid", "B/y.sid");
        tree.RemoveTree("update");

        Assert.Equal(["A", "EMPTY"], tree.EmptyDirectories());
    }
}
