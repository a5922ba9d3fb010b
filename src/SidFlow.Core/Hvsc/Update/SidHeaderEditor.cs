using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using SidFlow.Emulation.Sid;

namespace SidFlow.Core.Hvsc.Update;

/// <summary>
/// Applies an update script's header edit the way the official tool does: it loads the tune, changes
/// the field, and writes the whole header back in HVSC's normal form (version 1 becomes 2, data offset
/// 0x7C, load address in front of the data, speed bits only for existing songs, flags rebuilt).
/// For files already in normal form only the edited field changes.
/// </summary>
public static class SidHeaderEditor
{
    private const int TextLength = SidHeaderOffsets.TextFieldLength;

    /// <summary>Returns the edited file; <paramref name="warning"/> says when a credit was cut to 32 bytes.</summary>
    public static byte[] Apply(byte[] file, HeaderEditCommand edit, out string? warning)
    {
        warning = null;
        Tune tune = Tune.Read(file);
        IReadOnlyList<string> v = edit.Values;
        switch (edit.Keyword)
        {
            case "TITLE":
                tune.Name = Text(v[0], ref warning);
                break;
            case "AUTHOR":
                tune.Author = Text(v[0], ref warning);
                break;
            case "RELEASED":
                tune.Released = Text(v[0], ref warning);
                break;
            case "CREDITS":
                if (!v[0].StartsWith('*'))
                {
                    tune.Name = Text(v[0], ref warning);
                }

                if (!v[1].StartsWith('*'))
                {
                    tune.Author = Text(v[1], ref warning);
                }

                if (!v[2].StartsWith('*'))
                {
                    tune.Released = Text(v[2], ref warning);
                }

                break;
            case "SONGS":
                UpdateScript.TwoNumbers(v[0], NumberStyles.None, out uint songs, out uint start);
                if (songs is < 1 or > SidFile.MaxSongs || start < 1 || start > songs)
                {
                    throw Refused($"songs {songs} with start song {start} is not a valid pair");
                }

                tune.Songs = (int)songs;
                tune.StartSong = (int)start;
                break;
            case "SPEED":
                if (tune.IsRsid)
                {
                    throw Refused("RSID tunes have no speed");
                }

                tune.Speed = uint.Parse(v[0], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                break;
            case "INITPLAY":
                UpdateScript.TwoNumbers(v[0], NumberStyles.AllowHexSpecifier, out uint init, out uint play);
                if (tune.IsRsid && (play != 0 || !RsidInitValid(tune, (int)init)))
                {
                    throw Refused($"init ${init:X4}, play ${play:X4} is not valid for an RSID tune");
                }

                tune.Init = (int)init;
                tune.Play = (int)play;
                break;
            case "FREEPAGES":
                UpdateScript.TwoNumbers(v[0], NumberStyles.AllowHexSpecifier, out uint page, out uint pages);
                (tune.RelocStartPage, tune.RelocPages) = FreePages(tune, (int)page, (int)pages);
                break;
            case "MUSPLAYER":
                tune.MusPlayer = v[0] == "1";
                break;
            case "PLAYSID":
                if (tune.IsRsid)
                {
                    throw Refused("the PlaySID flag does not exist for RSID tunes");
                }

                tune.PsidSpecific = v[0] == "1";
                break;
            case "CLOCK":
                tune.Clock = Choice(v[0], UpdateScript.ClockValues);
                break;
            case "SIDMODEL":
                // The tool writes the whole model value, so 2nd/3rd SID model bits go (as its code does).
                tune.Model = Choice(v[0], UpdateScript.ModelValues);
                break;
            case "FLAGS":
                if (v[0] != "*")
                {
                    tune.MusPlayer = v[0] == "1";
                }

                if (v[1] != "*")
                {
                    if (tune.IsRsid)
                    {
                        throw Refused("the PlaySID flag does not exist for RSID tunes");
                    }

                    tune.PsidSpecific = v[1] == "1";
                }

                if (v[2] != "*")
                {
                    tune.Clock = Choice(v[2], UpdateScript.ClockValues);
                }

                if (v[3] != "*")
                {
                    tune.Model = Choice(v[3], UpdateScript.ModelValues);
                }

                break;
            case "FIXLOAD":
                if (tune.Data.Length < 3)
                {
                    throw Refused("the data is too short to drop a duplicate load address");
                }

                tune.Load += 2;
                tune.Data = tune.Data[2..];
                break;
            default:
                throw Refused($"{edit.Keyword} is not a header edit");
        }

        return tune.Write();
    }

    private static byte[] Text(string value, ref string? warning)
    {
        byte[] bytes = Encoding.Latin1.GetBytes(value);
        if (bytes.Length > TextLength)
        {
            warning = $"'{value}' is longer than {TextLength} bytes and was cut";
            bytes = bytes[..TextLength];
        }

        byte[] field = new byte[TextLength];
        bytes.CopyTo(field, 0);
        return field;
    }

    private static int Choice(string value, IReadOnlyList<string> values) => Math.Min(3, values.ToList().IndexOf(value));

    private static (int, int) FreePages(Tune tune, int start, int length)
    {
        if (start == 0xFF || length == 0)
        {
            return start == 0xFF ? (0xFF, 0) : (0, 0);
        }

        int end = start + length - 1;
        int loadFirst = tune.Load >> 8, loadLast = (tune.Load + tune.Data.Length - 1) >> 8;
        bool overlapsImage = start <= loadLast && end >= loadFirst;
        bool touchesReserved = Overlaps(start, end, 0x00, 0x03) || Overlaps(start, end, 0xA0, 0xBF) || Overlaps(start, end, 0xD0, 0xFF);
        if (end > 0xFF || overlapsImage || touchesReserved)
        {
            throw Refused($"free pages ${start:X2}-${end:X2} overlap the load image or reserved memory");
        }

        return (start, length);
    }

    private static bool Overlaps(int a1, int a2, int b1, int b2) => a1 <= b2 && a2 >= b1;

    private static bool RsidInitValid(Tune tune, int init)
    {
        if (tune.PsidSpecific)
        {
            return init == 0;
        }

        int effective = init == 0 ? tune.Load : init;
        return effective >= 0x07E8 && effective is not ((>= 0xA000 and < 0xC000) or >= 0xD000)
               && effective >= tune.Load && effective < tune.Load + tune.Data.Length;
    }

    private static HeaderEditRefusedException Refused(string why) => new($"Problem writing new sidtune info: {why}");

    /// <summary>The fields the tool keeps of a tune, as it loads them.</summary>
    private sealed class Tune
    {
        public required bool IsRsid { get; init; }
        public required int Version { get; init; }
        public required int Load { get; set; }
        public required byte[] Data { get; set; }
        public required int Init { get; set; }
        public required int Play { get; set; }
        public required int Songs { get; set; }
        public required int StartSong { get; set; }
        public required uint Speed { get; set; }
        public required byte[] Name { get; set; }
        public required byte[] Author { get; set; }
        public required byte[] Released { get; set; }
        public required bool MusPlayer { get; set; }
        public required bool PsidSpecific { get; set; }
        public required int Clock { get; set; }

        /// <summary>Flags bits 4-9 as one value: the models of all three chips.</summary>
        public required int Model { get; set; }

        public required int RelocStartPage { get; set; }
        public required int RelocPages { get; set; }
        public required byte SecondSid { get; init; }
        public required byte ThirdSid { get; init; }

        public static Tune Read(byte[] file)
        {
            if (file.Length < SidHeaderOffsets.V1HeaderLength || !(file.AsSpan(0, 4).SequenceEqual("PSID"u8) || file.AsSpan(0, 4).SequenceEqual("RSID"u8)))
            {
                throw Refused("not a PSID/RSID file");
            }

            int version = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(SidHeaderOffsets.Version));
            int dataOffset = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(SidHeaderOffsets.DataOffset));
            if (version is < 1 or > 4 || dataOffset > file.Length || (version >= 2 && file.Length < SidHeaderOffsets.V2HeaderLength))
            {
                throw Refused("the header cannot be read");
            }

            int load = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(SidHeaderOffsets.LoadAddress));
            byte[] data = file[dataOffset..];
            if (load == 0)
            {
                if (data.Length < 2)
                {
                    throw Refused("the data holds no load address");
                }

                load = data[0] | (data[1] << 8);
                data = data[2..];
            }

            int flags = version >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(SidHeaderOffsets.Flags)) : 0;
            return new Tune
            {
                IsRsid = file[0] == 'R',
                Version = version,
                Load = load,
                Data = data,
                Init = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(SidHeaderOffsets.InitAddress)),
                Play = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(SidHeaderOffsets.PlayAddress)),
                Songs = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(SidHeaderOffsets.Songs)),
                StartSong = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(SidHeaderOffsets.StartSong)),
                Speed = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(SidHeaderOffsets.Speed)),
                Name = file[SidHeaderOffsets.Name..(SidHeaderOffsets.Name + TextLength)],
                Author = file[SidHeaderOffsets.Author..(SidHeaderOffsets.Author + TextLength)],
                Released = file[SidHeaderOffsets.Released..(SidHeaderOffsets.Released + TextLength)],
                MusPlayer = (flags & 1) != 0,
                PsidSpecific = (flags & 2) != 0,
                Clock = (flags >> 2) & 3,
                Model = (flags >> 4) & 0x3F,
                RelocStartPage = version >= 2 ? file[SidHeaderOffsets.RelocStartPage] : 0,
                RelocPages = version >= 2 ? file[SidHeaderOffsets.RelocPages] : 0,
                SecondSid = version >= 3 ? file[SidHeaderOffsets.SecondSidAddress] : (byte)0,
                ThirdSid = version >= 3 ? file[SidHeaderOffsets.ThirdSidAddress] : (byte)0,
            };
        }

        public byte[] Write()
        {
            byte[] file = new byte[SidHeaderOffsets.V2HeaderLength + 2 + Data.Length];
            Span<byte> h = file;
            (IsRsid ? "RSID"u8 : "PSID"u8).CopyTo(h);
            BinaryPrimitives.WriteUInt16BigEndian(h[SidHeaderOffsets.Version..], (ushort)(Version == 1 ? 2 : Version));
            BinaryPrimitives.WriteUInt16BigEndian(h[SidHeaderOffsets.DataOffset..], SidHeaderOffsets.V2HeaderLength);
            BinaryPrimitives.WriteUInt16BigEndian(h[SidHeaderOffsets.LoadAddress..], 0);
            int init = Init == 0 && !(IsRsid && PsidSpecific) ? Load : Init;
            BinaryPrimitives.WriteUInt16BigEndian(h[SidHeaderOffsets.InitAddress..], (ushort)init);
            BinaryPrimitives.WriteUInt16BigEndian(h[SidHeaderOffsets.PlayAddress..], (ushort)(IsRsid ? 0 : Play));
            BinaryPrimitives.WriteUInt16BigEndian(h[SidHeaderOffsets.Songs..], (ushort)Songs);
            BinaryPrimitives.WriteUInt16BigEndian(h[SidHeaderOffsets.StartSong..], (ushort)StartSong);
            uint mask = Songs >= 32 ? uint.MaxValue : (1u << Songs) - 1;
            BinaryPrimitives.WriteUInt32BigEndian(h[SidHeaderOffsets.Speed..], IsRsid ? 0 : Speed & mask);
            WriteText(h, SidHeaderOffsets.Name, Name);
            WriteText(h, SidHeaderOffsets.Author, Author);
            WriteText(h, SidHeaderOffsets.Released, Released);
            int flags = (MusPlayer ? 1 : 0) | (PsidSpecific ? 2 : 0) | (Clock << 2) | (Model << 4);
            BinaryPrimitives.WriteUInt16BigEndian(h[SidHeaderOffsets.Flags..], (ushort)flags);
            h[SidHeaderOffsets.RelocStartPage] = (byte)RelocStartPage;
            h[SidHeaderOffsets.RelocPages] = (byte)RelocPages;
            bool extended = Version >= 3;
            h[SidHeaderOffsets.SecondSidAddress] = extended ? SecondSid : (byte)0;
            h[SidHeaderOffsets.ThirdSidAddress] = extended ? ThirdSid : (byte)0;
            h[SidHeaderOffsets.V2HeaderLength] = (byte)(Load & 0xFF);
            h[SidHeaderOffsets.V2HeaderLength + 1] = (byte)(Load >> 8);
            Data.CopyTo(h[(SidHeaderOffsets.V2HeaderLength + 2)..]);
            return file;
        }

        private static void WriteText(Span<byte> header, int offset, byte[] field)
        {
            int end = Array.IndexOf(field, (byte)0);
            field.AsSpan(0, end < 0 ? TextLength : end).CopyTo(header[offset..]);
        }
    }
}
