namespace SidFlow.Emulation.Sid;

/// <summary>Why bytes are not a valid PSID/RSID file.</summary>
public enum SidFormatError
{
    TruncatedHeader,
    BadMagic,
    UnsupportedVersion,
    WrongDataOffset,
    TruncatedData,
    InvalidSongCount,
    StartSongOutOfRange,
    ImpossibleAddress,
    InvalidRsidField,
}
