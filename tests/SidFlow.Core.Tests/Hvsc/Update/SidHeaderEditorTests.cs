using SidFlow.Core.Hvsc.Update;
using SidFlow.Emulation.Sid;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Core.Tests.Hvsc.Update;

/// <summary>The worked examples of the update fixture's README, byte for byte, and the tool's refusals.</summary>
public sealed class SidHeaderEditorTests
{
    private static byte[] Before(string path) => File.ReadAllBytes(Path.Combine(RepositoryPaths.UpdateFixture, "before", "C64Music", path));

    private static byte[] After(string path) => File.ReadAllBytes(Path.Combine(RepositoryPaths.UpdateFixture, "after", "C64Music", path));

    [Fact]
    public void Apply_Title_ChangesOnlyTheNameField()
    {
        byte[] before = Before("DEMOS/A-F/Electrosound.sid");

        byte[] edited = SidHeaderEditor.Apply(before, new HeaderEditCommand(1600, "TITLE", "/DEMOS/A-F/Electrosound.sid", ["Electrosound 64"]), out _);

        Assert.Equal(After("DEMOS/A-F/Electrosound_64.sid"), edited);
        int[] changed = Enumerable.Range(0, before.Length).Where(i => before[i] != edited[i]).ToArray();
        Assert.Equal([0x22, 0x23, 0x24], changed);
    }

    [Fact]
    public void Apply_CreditsWithStar_KeepsReleased()
    {
        byte[] edited = SidHeaderEditor.Apply(Before("DEMOS/A-F/Funky_Drummer.sid"),
            new HeaderEditCommand(1, "CREDITS", "x", ["Funky Drummer", "Peter Froehlich", "*"]), out _);

        Assert.Equal(After("DEMOS/A-F/Funky_Drummer.sid"), edited);
        Assert.Equal("1985 Input 64/Verlag Heinz Heise", SidFile.Parse(edited).Released);
    }

    [Fact]
    public void Apply_Flags_SetsNtscAnd6581()
    {
        byte[] edited = SidHeaderEditor.Apply(Before("MUSICIANS/G/Greenlee_Michael/Fiddle-Faddle.sid"),
            new HeaderEditCommand(1, "FLAGS", "x", ["*", "*", "NTSC", "6581"]), out _);

        Assert.Equal(0x0018, (edited[0x76] << 8) | edited[0x77]);
        Assert.Equal(After("MUSICIANS/G/Greenlee_Michael/Fiddle-Faddle.sid"), edited);
    }

    [Fact]
    public void Apply_SidModel_Writes8580()
    {
        byte[] edited = SidHeaderEditor.Apply(Before("GAMES/A-F/Face_Off.sid"), new HeaderEditCommand(1, "SIDMODEL", "x", ["8580"]), out _);

        Assert.Equal(0x0028, (edited[0x76] << 8) | edited[0x77]);
        Assert.Equal(After("GAMES/A-F/Face_Off.sid"), edited);
    }

    [Fact]
    public void Apply_Speed_ClearsTheSpeedWord()
    {
        byte[] edited = SidHeaderEditor.Apply(Before("GAMES/A-F/Freak_Factory.sid"), new HeaderEditCommand(1, "SPEED", "x", ["0"]), out _);

        Assert.Equal(After("GAMES/A-F/Freak_Factory.sid"), edited);
        Assert.Equal([0, 0, 0, 0], edited[0x12..0x16]);
    }

    [Fact]
    public void Apply_FixLoad_MovesLoadAddressAndDropsTwoBytes()
    {
        byte[] before = new PsidBuilder { EmbeddedLoadAddress = 0x0FFE, InitAddress = 0x1000, PlayAddress = 0x1003, Code = [0xFE, 0x0F, 0x60, 0xEA, 0xEA, 0x60] }.Build();

        byte[] edited = SidHeaderEditor.Apply(before, new HeaderEditCommand(1, "FIXLOAD", "x", []), out _);

        SidFile sid = SidFile.Parse(edited);
        Assert.Equal(0x1000, sid.LoadAddress);
        Assert.Equal(before.Length - 2, edited.Length);
        Assert.Equal([0x60, 0xEA, 0xEA, 0x60], sid.C64Data.ToArray());
    }

    [Fact]
    public void Apply_Version1File_IsWrittenInNormalForm()
    {
        byte[] v1 = new PsidBuilder { Version = 1, Flags = 0, LoadAddress = 0x1000, Speed = 0xFFFF_FFFF, Songs = 3 }.Build();

        byte[] edited = SidHeaderEditor.Apply(v1, new HeaderEditCommand(1, "AUTHOR", "x", ["New Author"]), out _);

        SidFile sid = SidFile.Parse(edited);
        Assert.Equal((2, 0x7C, 0, 0x1000), (sid.Version, sid.DataOffset, sid.HeaderLoadAddress, sid.LoadAddress));
        Assert.Equal(0b111u, sid.Speed);
        Assert.Equal("New Author", sid.Author);
    }

    [Fact]
    public void Apply_LongCredit_IsCutTo32BytesWithWarning()
    {
        byte[] edited = SidHeaderEditor.Apply(new PsidBuilder().Build(), new HeaderEditCommand(1, "TITLE", "x", [new string('x', 40)]), out string? warning);

        Assert.Equal(new string('x', 32), SidFile.Parse(edited).Name);
        Assert.Contains("longer than 32 bytes", warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SPEED", "1", "RSID tunes have no speed")]
    [InlineData("PLAYSID", "1", "does not exist for RSID")]
    [InlineData("INITPLAY", "A000,0", "not valid for an RSID tune")]
    [InlineData("FREEPAGES", "10,04", "overlap the load image")]
    [InlineData("FREEPAGES", "A0,04", "reserved memory")]
    [InlineData("SONGS", "3,4", "not a valid pair")]
    public void Apply_RefusedEdit_ThrowsProblemWritingSidtuneInfo(string keyword, string value, string why)
    {
        byte[] rsid = new PsidBuilder { Magic = "RSID", PlayAddress = 0, EmbeddedLoadAddress = 0x1000, InitAddress = 0x1000 }.Build();

        HeaderEditRefusedException ex = Assert.Throws<HeaderEditRefusedException>(() =>
            SidHeaderEditor.Apply(rsid, new HeaderEditCommand(1, keyword, "x", [value]), out _));

        Assert.StartsWith("Problem writing new sidtune info", ex.Message, StringComparison.Ordinal);
        Assert.Contains(why, ex.Message, StringComparison.Ordinal);
    }
}
