using SidFlow.Core.Hvsc;
using Xunit;

namespace SidFlow.Core.Tests.Hvsc;

public sealed class SongLengthDatabaseTests
{
    private const string Database = """
        [Database]
        ; /MUSICIANS/H/Hubbard_Rob/Commando.sid
        c4c5ff8cfefdf683c50e66775cfac1ee=3:57 1:02 0:06 0:02.5 0:01.25 0:01.125
        ; /DEMOS/A-F/Tune.sid
        0123456789ABCDEF0123456789abcdef=12:03.004
        ; /GAMES/Old.sid
        a08c08aa1c74990c7d753e8c1d2f023e=0:06(G) 1:00(M)
        not a line
        ffffffffffffffffffffffffffffffff=1:2:3
        """;

    [Fact]
    public void Parse_MillisecondsAndSubtunes_GivesEveryLength()
    {
        SongLengthDatabase db = SongLengthDatabase.Parse(Database);

        Assert.Equal(3, db.Count);
        IReadOnlyList<TimeSpan> lengths = db.Find("c4c5ff8cfefdf683c50e66775cfac1ee")!;
        Assert.Equal(
            [
                TimeSpan.FromSeconds(237), TimeSpan.FromSeconds(62), TimeSpan.FromSeconds(6),
                TimeSpan.FromMilliseconds(2500), TimeSpan.FromMilliseconds(1250), TimeSpan.FromMilliseconds(1125),
            ],
            lengths);
        Assert.Equal(new TimeSpan(0, 0, 12, 3, 4), db.Find("0123456789abcdef0123456789ABCDEF", 1));
        Assert.Null(db.Find("c4c5ff8cfefdf683c50e66775cfac1ee", 7));
        Assert.Null(db.Find("00000000000000000000000000000000", 1));
    }

    [Fact]
    public void Parse_OldFormatAttributes_AreIgnored()
    {
        SongLengthDatabase db = SongLengthDatabase.Parse(Database);

        Assert.Equal(TimeSpan.FromMinutes(1), db.Find("a08c08aa1c74990c7d753e8c1d2f023e", 2));
    }

    [Fact]
    public void Parse_CommentLines_MapPathsToMd5()
    {
        SongLengthDatabase db = SongLengthDatabase.Parse(Database);

        Assert.Equal("c4c5ff8cfefdf683c50e66775cfac1ee", db.Md5ForPath("MUSICIANS/H/Hubbard_Rob/Commando.sid"));
    }

    [Fact]
    public void Parse_BadLines_AreReportedWithLineNumbers()
    {
        SongLengthDatabase db = SongLengthDatabase.Parse(Database);

        Assert.Equal(["line 8: expected md5=lengths", "line 9: unreadable song length in '1:2:3'"], db.Problems);
    }

    [Theory]
    [InlineData("0:00", 0)]
    [InlineData("1:02.5", 62_500)]
    [InlineData("1:02.50", 62_500)]
    [InlineData("1:02.500", 62_500)]
    [InlineData("10:00.001", 600_001)]
    public void TryParse_ValidLength_GivesMilliseconds(string text, int expectedMs)
    {
        Assert.True(SongLength.TryParse(text, out TimeSpan length));
        Assert.Equal(expectedMs, (int)length.TotalMilliseconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("62")]
    [InlineData("1:60")]
    [InlineData("1:02.5000")]
    [InlineData("-1:00")]
    [InlineData("a:bc")]
    public void TryParse_InvalidLength_ReturnsFalse(string text) => Assert.False(SongLength.TryParse(text, out _));
}
