using SidFlow.Emulation.Sid;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Emulation.Tests.Sid;

public sealed class SidFileTests(ITestOutputHelper output)
{
    [Fact]
    public void Parse_EverySampleFile_ParsesAndReportsCounts()
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        void Count(string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
        var failures = new List<string>();
        int total = 0;
        foreach (string path in RepositoryPaths.AllSampleSids())
        {
            total++;
            try
            {
                SidFile sid = SidFile.Parse(File.ReadAllBytes(path));
                Count($"{sid.Format.ToString().ToUpperInvariant()} v{sid.Version}");
                Count($"clock {sid.Clock}");
                Count($"chips {sid.SidChipCount}");
            }
            catch (SidFormatException ex)
            {
                failures.Add($"{RepositoryPaths.HvscPathOf(path)}: {ex.Message}");
            }
        }

        output.WriteLine($"{total} files");
        foreach ((string key, int value) in counts)
        {
            output.WriteLine($"{key}: {value}");
        }

        Assert.True(total >= 2000, $"expected the 2,009-file sample, found {total}");
        Assert.Empty(failures);
        Assert.True(counts.GetValueOrDefault("RSID v2") > 0);
        Assert.True(counts.GetValueOrDefault("chips 2") > 0);
        Assert.Equal(1, counts.GetValueOrDefault("chips 3"));
    }

    [Fact]
    public void Parse_GreatGianaSisters_ReadsRsidHeaderAsWrittenInTheBytes()
    {
        SidFile sid = RepositoryPaths.SampleSid("MUSICIANS/H/Huelsbeck_Chris/Great_Giana_Sisters.sid");

        Assert.Equal(SidFormat.Rsid, sid.Format);
        Assert.Equal(2, sid.Version);
        Assert.Equal(0x7C, sid.DataOffset);
        Assert.Equal(0, sid.HeaderLoadAddress);
        Assert.Equal(0x71E3, sid.LoadAddress);
        Assert.Equal(0xCC86, sid.InitAddress);
        Assert.Equal(0, sid.PlayAddress);
        Assert.Equal(23, sid.Songs);
        Assert.Equal(1, sid.StartSong);
        Assert.Equal(0u, sid.Speed);
        Assert.Equal("The Great Giana Sisters", sid.Name);
        Assert.Equal("Chris H\u00fclsbeck", sid.Author);
        Assert.Equal("1987 Time Warp", sid.Released);
        Assert.Equal(SidClock.Pal, sid.Clock);
        Assert.Equal(SidModel.Mos6581, sid.SidModel1);
        Assert.False(sid.BasicFlag);
        Assert.Equal(0x04, sid.RelocStartPage);
        Assert.Equal(0x3D, sid.RelocPages);
        Assert.Equal(1, sid.SidChipCount);
        Assert.Equal(23445 - 0x7C - 2, sid.C64Data.Length);
        Assert.Equal("452fb5bd46d96c8a2309e89c5dfd3137", sid.Md5);
        Assert.Equal(SidSpeed.CiaTimer, sid.GetSpeed(1));
    }

    [Fact]
    public void Parse_Waterfall3Sid_ReadsThreeChipsAndTheirModels()
    {
        SidFile sid = RepositoryPaths.SampleSid("MUSICIANS/C/Chiummo_Gaetano/Waterfall_3SID.sid");

        Assert.Equal(SidFormat.Psid, sid.Format);
        Assert.Equal(4, sid.Version);
        Assert.Equal(0x1000, sid.LoadAddress);
        Assert.Equal(0x25B0, sid.InitAddress);
        Assert.Equal(0x25B3, sid.PlayAddress);
        Assert.Equal(0x02A4, sid.Flags);
        Assert.Equal(SidClock.Pal, sid.Clock);
        Assert.Equal(SidModel.Mos8580, sid.SidModel1);
        Assert.Equal(SidModel.Mos8580, sid.SidModel2);
        Assert.Equal(SidModel.Mos8580, sid.SidModel3);
        Assert.Equal(0xD420, sid.SecondSidAddress);
        Assert.Equal(0xD440, sid.ThirdSidAddress);
        Assert.Equal(3, sid.SidChipCount);
        Assert.Equal("Waterfall", sid.Name);
        Assert.Equal("2014 Samar Productions", sid.Released);
        Assert.Equal("25d1addbe846c3a94cb786c67fffdc9c", sid.Md5);
        Assert.Equal(SidSpeed.VerticalBlank, sid.GetSpeed(1));
    }

    [Fact]
    public void Parse_SpaceOddity2Sid_ReadsSecondSidAddressOfVersion3()
    {
        SidFile sid = RepositoryPaths.SampleSid("MUSICIANS/C/C0zmo/Space_Oddity_2SID.sid");

        Assert.Equal(3, sid.Version);
        Assert.Equal(0xD500, sid.SecondSidAddress);
        Assert.Equal(0, sid.ThirdSidAddress);
        Assert.Equal(SidModel.Mos8580, sid.SidModel2);
        Assert.Equal(2, sid.SidChipCount);
        Assert.Equal("Markus Jentsch (c0zmo)", sid.Author);
        Assert.Equal(0x1000, sid.LoadAddress);
        Assert.Equal(0x1003, sid.PlayAddress);
    }

    [Fact]
    public void Parse_HeaderLoadAddressSet_UsesItAndKeepsAllDataBytes()
    {
        byte[] bytes = new PsidBuilder { LoadAddress = 0x1000, Code = [0x60, 0x60, 0x60, 0x60] }.Build();

        SidFile sid = SidFile.Parse(bytes);

        Assert.Equal(0x1000, sid.LoadAddress);
        Assert.Equal(4, sid.C64Data.Length);
    }

    [Fact]
    public void Parse_Version1_HasNoFlagsAndA118ByteHeader()
    {
        byte[] bytes = new PsidBuilder { Version = 1, Flags = 0 }.Build();

        SidFile sid = SidFile.Parse(bytes);

        Assert.Equal(1, sid.Version);
        Assert.Equal(0x76, sid.DataOffset);
        Assert.Equal(SidClock.Unknown, sid.Clock);
        Assert.Equal(0x1000, sid.LoadAddress);
    }

    [Theory]
    [InlineData(1, 0x00000002u, 2, SidSpeed.CiaTimer)]
    [InlineData(1, 0x00000002u, 34, SidSpeed.CiaTimer)] // v1: song 34 wraps to bit 1
    [InlineData(2, 0x80000000u, 40, SidSpeed.CiaTimer)] // v2NG: songs past 32 use bit 31
    [InlineData(2, 0x00000002u, 34, SidSpeed.VerticalBlank)]
    public void GetSpeed_SpeedBits_FollowTheSpecification(int version, uint speed, int song, SidSpeed expected)
    {
        byte[] bytes = new PsidBuilder { Version = version, Speed = speed, Songs = 40, Flags = version == 1 ? 0 : 0x14 }.Build();

        Assert.Equal(expected, SidFile.Parse(bytes).GetSpeed(song));
    }

    [Fact]
    public void Parse_Latin1Text_DecodesEveryByte()
    {
        byte[] bytes = new PsidBuilder { Author = "J\u00f6rg \u00c5se" }.Build();

        Assert.Equal("J\u00f6rg \u00c5se", SidFile.Parse(bytes).Author);
    }

    [Fact]
    public void Parse_TextFilling32Bytes_ReadsAllWithoutTerminator()
    {
        string name = new('A', 32);
        byte[] bytes = new PsidBuilder { Name = name }.Build();

        Assert.Equal(name, SidFile.Parse(bytes).Name);
    }
}
