using SidFlow.Core.Hvsc;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Core.Tests.Hvsc;

public sealed class StilDatabaseTests
{
    private static readonly Lazy<StilDatabase> RealStil = new(() =>
        StilDatabase.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.C64Music, "DOCUMENTS", "STIL.txt"), System.Text.Encoding.Latin1)));

    [Fact]
    public void Parse_RealStil_ReadsEveryEntry()
    {
        StilDatabase stil = RealStil.Value;

        // 16,140 lines of STIL.txt start with '/', one per file or directory entry.
        Assert.Equal(16140, stil.Count);
        Assert.All(stil.Entries, e => Assert.NotEmpty(e.Sections));
    }

    [Fact]
    public void Parse_CommandoEntry_SplitsFileCommentAndSubtuneSections()
    {
        StilEntry entry = RealStil.Value.Find("/MUSICIANS/H/Hubbard_Rob/Commando.sid")!;

        Assert.Equal("MUSICIANS/H/Hubbard_Rob/Commando.sid", entry.Path);
        StilTuneInfo file = Assert.Single(entry.FileBlocks);
        Assert.StartsWith("\"There is an interesting story behind Commando.", file.Comment, StringComparison.Ordinal);
        Assert.EndsWith("on a train home by 10.00 am...\" (RH)", file.Comment, StringComparison.Ordinal);
        Assert.Equal([1, 3], entry.Subtunes);
        Assert.Equal(7, entry.ForSubtune(1).Count);
        Assert.Equal("BGM1 [from the arcade game Commando] (0:00)", entry.ForSubtune(1)[0].Title);
        Assert.Equal("Tamayo Kawamoto", entry.ForSubtune(1)[6].Artist);
        Assert.Equal("<?> [from the arcade game Commando]", entry.TitleFor(3));
        Assert.Same(entry.FileBlocks, entry.ForSubtune(2));
    }

    [Fact]
    public void Find_SingleTuneEntry_HasTitleAndArtist()
    {
        StilEntry entry = RealStil.Value.Find("DEMOS/0-9/12345.sid")!;

        Assert.Equal("1.2.3.4.5.6.7.8", entry.TitleFor(1));
        Assert.Equal("Ken Laszlo", entry.ArtistFor(1));
    }

    [Fact]
    public void Find_PathCaseDiffers_StillFindsEntry()
    {
        Assert.NotNull(RealStil.Value.Find("musicians/h/hubbard_rob/commando.sid"));
    }

    [Fact]
    public void Parse_DirectoryEntry_KeepsTrailingSlash()
    {
        Assert.NotNull(RealStil.Value.Find("/DEMOS/Commodore/")?.FileBlocks.Single().Comment);
    }

    [Fact]
    public void Parse_NameAndAuthorFields_AreRead()
    {
        const string text = """
            /A/B/Tune.sid
            (#2)
               NAME: Second Song
             AUTHOR: Someone
              TITLE: Cover
             ARTIST: Original
            COMMENT: A comment
                     that continues.
            """;

        StilTuneInfo block = Assert.Single(StilDatabase.Parse(text).Find("A/B/Tune.sid")!.ForSubtune(2));

        Assert.Equal(new StilTuneInfo("Second Song", "Someone", "Cover", "Original", "A comment that continues."), block);
    }
}
