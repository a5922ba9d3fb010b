namespace SidFlow.Emulation.Sid;

public enum SidFormat
{
    Psid,
    Rsid,
}

/// <summary>Video standard the tune was made for (flags bits 2-3).</summary>
public enum SidClock
{
    Unknown = 0,
    Pal = 1,
    Ntsc = 2,
    Any = 3,
}

/// <summary>SID chip model the tune was made for (flags bits 4-5, 6-7, 8-9).</summary>
public enum SidModel
{
    Unknown = 0,
    Mos6581 = 1,
    Mos8580 = 2,
    Any = 3,
}

/// <summary>How often play is called: the vertical blank (50/60 Hz) or the CIA 1 timer.</summary>
public enum SidSpeed
{
    VerticalBlank,
    CiaTimer,
}
