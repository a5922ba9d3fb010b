using SidFlow.Emulation.Sid;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Emulation.Tests.Sid;

public sealed class SidFileErrorTests
{
    public static TheoryData<string, byte[], SidFormatError, string> Cases()
    {
        byte[] valid = new PsidBuilder().Build();
        return new TheoryData<string, byte[], SidFormatError, string>
        {
            { "empty", [], SidFormatError.TruncatedHeader, "shorter than the 118-byte" },
            { "half header", valid[..60], SidFormatError.TruncatedHeader, "60 bytes" },
            { "v2 header cut at 0x78", valid[..0x78], SidFormatError.TruncatedHeader, "124-byte v2 header" },
            { "bad magic", new PsidBuilder { Magic = "MZ\u0090\0" }.Build(), SidFormatError.BadMagic, "expected 'PSID' or 'RSID'" },
            { "text magic", new PsidBuilder { Magic = "PSIX" }.Build(), SidFormatError.BadMagic, "'PSIX'" },
            { "version 0", new PsidBuilder { Version = 0, DataOffset = 0x7C }.Build(), SidFormatError.UnsupportedVersion, "version 0" },
            { "version 5", new PsidBuilder { Version = 5 }.Build(), SidFormatError.UnsupportedVersion, "version 5" },
            { "RSID version 1", new PsidBuilder { Magic = "RSID", Version = 1 }.Build(), SidFormatError.UnsupportedVersion, "RSID version 1" },
            { "v2 with v1 offset", new PsidBuilder { DataOffset = 0x76 }.Build(), SidFormatError.WrongDataOffset, "requires 0x007C" },
            { "v1 with v2 offset", new PsidBuilder { Version = 1, DataOffset = 0x7C }.Build(), SidFormatError.WrongDataOffset, "requires 0x0076" },
            { "no data", new PsidBuilder { LoadAddress = 0x1000, Code = [] }.Build(), SidFormatError.TruncatedData, "no C64 data" },
            { "one byte of load address", valid[..0x7D], SidFormatError.TruncatedData, "too few for its own load address" },
            { "load address only", valid[..0x7E], SidFormatError.TruncatedData, "no C64 data" },
            { "zero songs", new PsidBuilder { Songs = 0, StartSong = 0 }.Build(), SidFormatError.InvalidSongCount, "song count is 0" },
            { "257 songs", new PsidBuilder { Songs = 257 }.Build(), SidFormatError.InvalidSongCount, "song count is 257" },
            { "start song 0", new PsidBuilder { StartSong = 0 }.Build(), SidFormatError.StartSongOutOfRange, "start song is 0" },
            { "start song past songs", new PsidBuilder { Songs = 3, StartSong = 4 }.Build(), SidFormatError.StartSongOutOfRange, "must be 1..3" },
            { "image past $FFFF", new PsidBuilder { EmbeddedLoadAddress = 0xFFFE, InitAddress = 0xFFFE, Code = [0x60, 0x60, 0x60] }.Build(), SidFormatError.ImpossibleAddress, "runs past $FFFF" },
            { "init outside image", new PsidBuilder { InitAddress = 0x2000 }.Build(), SidFormatError.ImpossibleAddress, "outside the image" },
            { "RSID with load field", new PsidBuilder { Magic = "RSID", LoadAddress = 0x1000, PlayAddress = 0 }.Build(), SidFormatError.InvalidRsidField, "load address field must be 0" },
            { "RSID with play", new PsidBuilder { Magic = "RSID" }.Build(), SidFormatError.InvalidRsidField, "play address must be 0" },
            { "RSID with speed", new PsidBuilder { Magic = "RSID", PlayAddress = 0, Speed = 1 }.Build(), SidFormatError.InvalidRsidField, "speed must be 0" },
            { "RSID loading low", new PsidBuilder { Magic = "RSID", PlayAddress = 0, EmbeddedLoadAddress = 0x0400, InitAddress = 0x0400 }.Build(), SidFormatError.ImpossibleAddress, "below $07E8" },
            { "RSID init in ROM", new PsidBuilder { Magic = "RSID", PlayAddress = 0, EmbeddedLoadAddress = 0xA000, InitAddress = 0xA000 }.Build(), SidFormatError.ImpossibleAddress, "under ROM or I/O" },
            { "RSID BASIC with init", new PsidBuilder { Magic = "RSID", PlayAddress = 0, Flags = 0x16, EmbeddedLoadAddress = 0x0801, InitAddress = 0x0801 }.Build(), SidFormatError.InvalidRsidField, "BASIC flag must have init 0" },
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parse_InvalidFile_ThrowsTypedErrorWithReason(string description, byte[] bytes, SidFormatError expected, string messagePart)
    {
        SidFormatException ex = Assert.Throws<SidFormatException>(() => SidFile.Parse(bytes));

        Assert.True(expected == ex.Error, $"{description}: expected {expected}, got {ex.Error} ({ex.Message})");
        Assert.Contains(messagePart, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_InvalidFile_ReturnsFalseWithError()
    {
        bool ok = SidFile.TryParse(new byte[10], out SidFile? file, out SidFormatException? error);

        Assert.False(ok);
        Assert.Null(file);
        Assert.Equal(SidFormatError.TruncatedHeader, error!.Error);
    }
}
