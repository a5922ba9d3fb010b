namespace SidFlow.Emulation.Sid;

/// <summary>Byte offsets of the PSID/RSID header fields (all numbers big-endian).</summary>
public static class SidHeaderOffsets
{
    public const int Magic = 0x00;
    public const int Version = 0x04;
    public const int DataOffset = 0x06;
    public const int LoadAddress = 0x08;
    public const int InitAddress = 0x0A;
    public const int PlayAddress = 0x0C;
    public const int Songs = 0x0E;
    public const int StartSong = 0x10;
    public const int Speed = 0x12;
    public const int Name = 0x16;
    public const int Author = 0x36;
    public const int Released = 0x56;
    public const int TextFieldLength = 32;
    public const int Flags = 0x76;
    public const int RelocStartPage = 0x78;
    public const int RelocPages = 0x79;
    public const int SecondSidAddress = 0x7A;
    public const int ThirdSidAddress = 0x7B;
    public const int V1HeaderLength = 0x76;
    public const int V2HeaderLength = 0x7C;
}
