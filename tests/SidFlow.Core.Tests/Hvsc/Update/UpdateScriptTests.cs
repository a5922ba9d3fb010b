using SidFlow.Core.Hvsc.Update;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Core.Tests.Hvsc.Update;

public sealed class UpdateScriptTests
{
    [Theory]
    [InlineData("Update73.hvs", 73, 72)]
    [InlineData("Update74.hvs", 74, 73)]
    public void Parse_RealScripts_ReadEveryBlockAndTheVersions(string name, int resulting, int previous)
    {
        UpdateScript script = UpdateScript.Parse(File.ReadAllBytes(Path.Combine(RepositoryPaths.C64Music, "DOCUMENTS", name)), name);

        Assert.Equal((resulting, previous), (script.ResultingVersion, script.PreviousVersion));
        Assert.True(script.Commands.Count > 500);
        Assert.Contains(script.Commands, c => c is MoveCommand { Replace: true });
        Assert.Contains(script.Commands, c => c is HeaderEditCommand { Keyword: "CREDITS", Values.Count: 3 });
    }

    [Fact]
    public void Parse_BlocksAcrossCommentsAndLineEndings_TakesRawLinesInsideBlocks()
    {
        const string text = "# header\r\n\r\n  MOVE  \r\n# comment between blocks\n/a/b.sid\r/c/\n\n#####\nCREDITS\n#####\n/x.sid\n# Not a comment inside a block\n*\n 1987 Someone\n";

        UpdateScript script = UpdateScript.Parse(text, "t.hvs");

        Assert.Equal(
            [
                new MoveCommand(5, "MOVE", "/a/b.sid", "/c/"),
                (UpdateCommand)new HeaderEditCommand(11, "CREDITS", "/x.sid", ["# Not a comment inside a block", "*", " 1987 Someone"]),
            ],
            script.Commands,
            new CommandComparer());
    }

    [Fact]
    public void Parse_CopyrightKeyword_IgnoresLinesUntilNextKeyword()
    {
        UpdateScript script = UpdateScript.Parse("COPYRIGHT\n/x.sid\n1990 X\nDELETE\n/y.sid\n", "t.hvs");

        Assert.Equal([new DeleteCommand(5, "/y.sid")], script.Commands.Cast<DeleteCommand>());
    }

    [Theory]
    [InlineData("/a.sid\n", 1, "comes before any keyword")]
    [InlineData("CLOCK\n/a.sid\nPAL \n", 3, "'PAL ' must be one of")]
    [InlineData("SIDMODEL\n/a.sid\nMOS8580\n", 3, "must be one of")]
    [InlineData("SONGS\n/a.sid\n3;1\n", 3, "is not 'songs,start'")]
    [InlineData("SPEED\n/a.sid\n1FFFFFFFF\n", 3, "hexadecimal speed")]
    [InlineData("INITPLAY\n/a.sid\n1000\n", 3, "init,play")]
    [InlineData("FLAGS\n/a.sid\n*\n2\nPAL\n6581\n", 4, "must be * or one of 0, 1")]
    [InlineData("\n\nCREDITS\n/a.sid\nname\n", 4, "CREDITS needs 4 lines")]
    public void Parse_LineNotUnderstood_FailsWithItsLineNumber(string text, int line, string message)
    {
        UpdateScriptException ex = Assert.Throws<UpdateScriptException>(() => UpdateScript.Parse(text, "Update99.hvs"));

        Assert.Equal(line, ex.LineNumber);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith($"Update99.hvs line {line}:", ex.Message, StringComparison.Ordinal);
    }

    private sealed class CommandComparer : IEqualityComparer<UpdateCommand>
    {
        public bool Equals(UpdateCommand? x, UpdateCommand? y) => x is HeaderEditCommand a && y is HeaderEditCommand b
            ? a.Line == b.Line && a.Keyword == b.Keyword && a.Target == b.Target && a.Values.SequenceEqual(b.Values)
            : object.Equals(x, y);

        public int GetHashCode(UpdateCommand obj) => obj.Line;
    }
}
