using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace SidFlow.Emulation.Sid;

/// <summary>
/// A parsed PSID (v1-v4) or RSID (v2-v4) file: every header field, the C64 image and the
/// whole-file MD5 that keys HVSC's song-length database.
/// </summary>
public sealed class SidFile
{
    public const int MaxSongs = 256;
    private const int RsidMinimumLoadAddress = 0x07E8;

    private SidFile() { }

    public required SidFormat Format { get; init; }
    public required int Version { get; init; }
    public required int DataOffset { get; init; }

    /// <summary>The header's load address field; 0 means the image starts with its own load address.</summary>
    public required int HeaderLoadAddress { get; init; }

    /// <summary>Where the C64 image goes in memory (from the header, or from the image when the header says 0).</summary>
    public required int LoadAddress { get; init; }

    /// <summary>The header's init address field; 0 means the load address.</summary>
    public required int InitAddress { get; init; }

    public required int PlayAddress { get; init; }
    public required int Songs { get; init; }
    public required int StartSong { get; init; }
    public required uint Speed { get; init; }
    public required string Name { get; init; }
    public required string Author { get; init; }
    public required string Released { get; init; }
    public required int Flags { get; init; }
    public required byte RelocStartPage { get; init; }
    public required byte RelocPages { get; init; }

    /// <summary>Address of the second SID ($Dxx0), or 0 when there is none.</summary>
    public required int SecondSidAddress { get; init; }

    /// <summary>Address of the third SID ($Dxx0), or 0 when there is none.</summary>
    public required int ThirdSidAddress { get; init; }

    /// <summary>The C64 image, without a leading load address.</summary>
    public required ReadOnlyMemory<byte> C64Data { get; init; }

    /// <summary>Lower-case hex MD5 of the whole file, the key of Songlengths.md5.</summary>
    public required string Md5 { get; init; }

    public required int FileLength { get; init; }

    public bool MusPlayer => (Flags & 0x01) != 0;

    /// <summary>PSID: PlaySID specific. RSID: the C64 BASIC flag.</summary>
    public bool PsidSpecific => (Flags & 0x02) != 0;

    public bool BasicFlag => Format == SidFormat.Rsid && PsidSpecific;
    public SidClock Clock => (SidClock)((Flags >> 2) & 3);
    public SidModel SidModel1 => (SidModel)((Flags >> 4) & 3);
    public SidModel SidModel2 => (SidModel)((Flags >> 6) & 3);
    public SidModel SidModel3 => (SidModel)((Flags >> 8) & 3);
    public int SidChipCount => 1 + (SecondSidAddress != 0 ? 1 : 0) + (ThirdSidAddress != 0 ? 1 : 0);
    public int LoadEnd => LoadAddress + C64Data.Length;

    /// <summary>The init address a player calls: the header's, or the load address when that is 0.</summary>
    public int EffectiveInitAddress => InitAddress == 0 ? LoadAddress : InitAddress;

    /// <summary>Speed of a song (1-based) as the PSID specification defines the speed bits.</summary>
    public SidSpeed GetSpeed(int song)
    {
        if (song < 1 || song > Songs)
        {
            throw new ArgumentOutOfRangeException(nameof(song), song, $"song must be 1..{Songs}");
        }

        if (Format == SidFormat.Rsid)
        {
            return SidSpeed.CiaTimer;
        }

        int bit;
        if (Version == 1 || PsidSpecific)
        {
            bit = (song - 1) % 32;
        }
        else
        {
            bit = Math.Min(song, 32) - 1;
        }

        return ((Speed >> bit) & 1) != 0 ? SidSpeed.CiaTimer : SidSpeed.VerticalBlank;
    }

    public static SidFile Parse(byte[] bytes) => Parse(bytes.AsSpan());

    public static bool TryParse(ReadOnlySpan<byte> bytes, out SidFile? file, out SidFormatException? error)
    {
        try
        {
            file = Parse(bytes);
            error = null;
            return true;
        }
        catch (SidFormatException ex)
        {
            file = null;
            error = ex;
            return false;
        }
    }

    public static SidFile Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < SidHeaderOffsets.V1HeaderLength)
        {
            throw Fail(SidFormatError.TruncatedHeader, $"file is {bytes.Length} bytes, shorter than the 118-byte v1 header");
        }

        SidFormat format = ReadMagic(bytes);
        int version = ReadWord(bytes, SidHeaderOffsets.Version);
        if (version is < 1 or > 4 || (format == SidFormat.Rsid && version == 1))
        {
            throw Fail(SidFormatError.UnsupportedVersion, $"{format.ToString().ToUpperInvariant()} version {version} is not defined (PSID 1-4, RSID 2-4)");
        }

        int headerLength = version == 1 ? SidHeaderOffsets.V1HeaderLength : SidHeaderOffsets.V2HeaderLength;
        if (bytes.Length < headerLength)
        {
            throw Fail(SidFormatError.TruncatedHeader, $"file is {bytes.Length} bytes, shorter than the {headerLength}-byte v{version} header");
        }

        int dataOffset = ReadWord(bytes, SidHeaderOffsets.DataOffset);
        if (dataOffset != headerLength)
        {
            throw Fail(SidFormatError.WrongDataOffset, $"data offset is 0x{dataOffset:X4}, version {version} requires 0x{headerLength:X4}");
        }

        int headerLoad = ReadWord(bytes, SidHeaderOffsets.LoadAddress);
        int init = ReadWord(bytes, SidHeaderOffsets.InitAddress);
        int play = ReadWord(bytes, SidHeaderOffsets.PlayAddress);
        int songs = ReadWord(bytes, SidHeaderOffsets.Songs);
        int startSong = ReadWord(bytes, SidHeaderOffsets.StartSong);
        uint speed = BinaryPrimitives.ReadUInt32BigEndian(bytes[SidHeaderOffsets.Speed..]);

        if (songs is < 1 or > MaxSongs)
        {
            throw Fail(SidFormatError.InvalidSongCount, $"song count is {songs}, must be 1..{MaxSongs}");
        }

        if (startSong < 1 || startSong > songs)
        {
            throw Fail(SidFormatError.StartSongOutOfRange, $"start song is {startSong}, must be 1..{songs}");
        }

        int flags = 0;
        byte relocStart = 0, relocPages = 0;
        int second = 0, third = 0;
        if (version >= 2)
        {
            flags = ReadWord(bytes, SidHeaderOffsets.Flags);
            relocStart = bytes[SidHeaderOffsets.RelocStartPage];
            relocPages = bytes[SidHeaderOffsets.RelocPages];
            if (version >= 3)
            {
                second = DecodeExtraSidAddress(bytes[SidHeaderOffsets.SecondSidAddress]);
            }

            if (version >= 4)
            {
                third = DecodeExtraSidAddress(bytes[SidHeaderOffsets.ThirdSidAddress]);
                if (third == second)
                {
                    third = 0;
                }
            }
        }

        ReadOnlySpan<byte> data = bytes[dataOffset..];
        int load = headerLoad;
        if (headerLoad == 0)
        {
            if (data.Length < 2)
            {
                throw Fail(SidFormatError.TruncatedData, $"header load address is 0 but the data holds {data.Length} bytes, too few for its own load address");
            }

            load = data[0] | (data[1] << 8);
            data = data[2..];
        }

        if (data.Length == 0)
        {
            throw Fail(SidFormatError.TruncatedData, "the file holds no C64 data after the header");
        }

        if (load + data.Length > 0x10000)
        {
            throw Fail(SidFormatError.ImpossibleAddress, $"image of {data.Length} bytes at ${load:X4} runs past $FFFF");
        }

        int effectiveInit = init == 0 ? load : init;
        if (format == SidFormat.Rsid)
        {
            ValidateRsid(headerLoad, load, init, play, speed, flags, data.Length);
        }
        else if (effectiveInit < load || effectiveInit >= load + data.Length)
        {
            throw Fail(SidFormatError.ImpossibleAddress, $"init address ${effectiveInit:X4} lies outside the image ${load:X4}-${load + data.Length - 1:X4}");
        }

        return new SidFile
        {
            Format = format,
            Version = version,
            DataOffset = dataOffset,
            HeaderLoadAddress = headerLoad,
            LoadAddress = load,
            InitAddress = init,
            PlayAddress = play,
            Songs = songs,
            StartSong = startSong,
            Speed = speed,
            Name = ReadText(bytes, SidHeaderOffsets.Name),
            Author = ReadText(bytes, SidHeaderOffsets.Author),
            Released = ReadText(bytes, SidHeaderOffsets.Released),
            Flags = flags,
            RelocStartPage = relocStart,
            RelocPages = relocPages,
            SecondSidAddress = second,
            ThirdSidAddress = third,
            C64Data = data.ToArray(),
            Md5 = Md5Digest.HexOf(bytes),
            FileLength = bytes.Length,
        };
    }

    /// <summary>Decodes a $Dxx0 middle byte; invalid values mean "no extra SID", as the specification says.</summary>
    public static int DecodeExtraSidAddress(byte middle)
    {
        bool valid = (middle & 1) == 0 && ((middle >= 0x42 && middle <= 0x7F) || middle >= 0xE0);
        return valid ? 0xD000 | (middle << 4) : 0;
    }

    /// <summary>Reads a 32-byte header text field as Latin-1, up to its first NUL.</summary>
    public static string ReadText(ReadOnlySpan<byte> header, int offset)
    {
        ReadOnlySpan<byte> field = header.Slice(offset, SidHeaderOffsets.TextFieldLength);
        int end = field.IndexOf((byte)0);
        return Encoding.Latin1.GetString(end < 0 ? field : field[..end]);
    }

    private static void ValidateRsid(int headerLoad, int load, int init, int play, uint speed, int flags, int length)
    {
        if (headerLoad != 0)
        {
            throw Fail(SidFormatError.InvalidRsidField, $"RSID load address field must be 0, is ${headerLoad:X4}");
        }

        if (play != 0)
        {
            throw Fail(SidFormatError.InvalidRsidField, $"RSID play address must be 0, is ${play:X4}");
        }

        if (speed != 0)
        {
            throw Fail(SidFormatError.InvalidRsidField, $"RSID speed must be 0, is 0x{speed:X8}");
        }

        if (load < RsidMinimumLoadAddress)
        {
            throw Fail(SidFormatError.ImpossibleAddress, $"RSID load address ${load:X4} is below $07E8");
        }

        bool basic = (flags & 0x02) != 0;
        if (basic)
        {
            if (init != 0)
            {
                throw Fail(SidFormatError.InvalidRsidField, $"RSID with the BASIC flag must have init 0, has ${init:X4}");
            }

            return;
        }

        int effectiveInit = init == 0 ? load : init;
        if (effectiveInit is (>= 0xA000 and < 0xC000) or >= 0xD000)
        {
            throw Fail(SidFormatError.ImpossibleAddress, $"RSID init address ${effectiveInit:X4} lies under ROM or I/O");
        }

        if (effectiveInit < load || effectiveInit >= load + length)
        {
            throw Fail(SidFormatError.ImpossibleAddress, $"RSID init address ${effectiveInit:X4} lies outside the image ${load:X4}-${load + length - 1:X4}");
        }
    }

    private static SidFormat ReadMagic(ReadOnlySpan<byte> bytes)
    {
        ReadOnlySpan<byte> magic = bytes[..4];
        if (magic.SequenceEqual("PSID"u8))
        {
            return SidFormat.Psid;
        }

        if (magic.SequenceEqual("RSID"u8))
        {
            return SidFormat.Rsid;
        }

        throw Fail(SidFormatError.BadMagic, $"magic is {Describe(magic)}, expected 'PSID' or 'RSID'");
    }

    private static string Describe(ReadOnlySpan<byte> magic)
    {
        foreach (byte b in magic)
        {
            if (b is < 0x20 or > 0x7E)
            {
                return "0x" + Convert.ToHexString(magic);
            }
        }

        return "'" + Encoding.ASCII.GetString(magic) + "'";
    }

    private static int ReadWord(ReadOnlySpan<byte> bytes, int offset) => BinaryPrimitives.ReadUInt16BigEndian(bytes[offset..]);

    private static SidFormatException Fail(SidFormatError error, string message) => new(error, message);
}
